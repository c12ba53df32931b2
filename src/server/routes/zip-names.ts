/**
 * Names for entries of one ZIP: no path separators or control characters (an entry named
 * `..\..\x` must not land outside the folder it is unpacked to), and each unique, ignoring case
 * as Windows and macOS do: `Report.pdf`, `Report (2).pdf`, ...
 */
export function uniqueZipNames(reserved: string[] = []) {
  const taken = new Set(reserved.map((n) => n.toLowerCase()));
  return {
    take(wanted: string): string {
      const clean =
        wanted
          // eslint-disable-next-line no-control-regex -- control characters are what it removes
          .replace(/[\u0000-\u001f\u007f/\\:]/g, '_')
          .replace(/^[.\s]+/, '')
          .trim()
          .slice(0, 200) || 'attachment';
      const dot = clean.lastIndexOf('.');
      const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ''];
      let name = clean;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
      taken.add(name.toLowerCase());
      return name;
    },
  };
}
