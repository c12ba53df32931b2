/**
 * Bidirectional controls that reorder what follows them on screen: embeddings and overrides
 * (U+202A-202E), isolates (U+2066-2069) and the marks (U+200E, U+200F, U+061C). A name such as
 * `invoice\u202Efdp.exe` is drawn as "invoiceexe.pdf": an .exe dressed as a PDF.
 */
const BIDI_CONTROLS: Record<string, string> = {
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
};
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/**
 * A name as it may be shown: each bidirectional control replaced by its abbreviation between
 * angle brackets (`invoice⟨RLO⟩fdp.exe`), so the characters read in the order they are stored
 * and the real extension stays last.
 */
export const visibleName = (name: string): string =>
  name.replace(BIDI_CONTROL, (control) => `⟨${BIDI_CONTROLS[control] ?? 'BIDI'}⟩`);

/** Whether a name holds a control that would reorder it on screen. */
export const hasBidiControl = (name: string): boolean => new RegExp(BIDI_CONTROL).test(name);
