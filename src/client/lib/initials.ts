/** "Patricia Boyle" -> "PB"; "Zylker" -> "Z"; by characters, so "Zoë" gives "Z" and "山田" "山". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}
