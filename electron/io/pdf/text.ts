/**
 * Makes any text drawable with pdfkit's built-in fonts. Helvetica and Courier are used without embedding, in
 * WinAnsi encoding: pdfkit writes a character outside it as its raw code in hex, which garbles the text
 * (U+0644 comes out as three wrong glyphs) rather than failing. Text from audited domains can hold anything:
 * IDN U-labels, other scripts, emoji, control characters, bidi overrides. Every character the font cannot
 * show is written as a visible placeholder ‹U+XXXX›, so the reader sees that something was there and which
 * code point it was (the exact bytes are in evidence.json), and bidi controls lose their effect on layout.
 */

/** Unicode code points outside Latin-1 that WinAnsi (cp1252) maps into 0x80–0x9F. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a,
  0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/**
 * Arrows and comparison signs that the catalogue and engine messages use ("http→https", "max_age ≥ 86400")
 * read better as their ASCII spelling than as a placeholder; nothing else is substituted.
 */
const ASCII_SPELLING: Record<number, string> = { 0x2190: '<-', 0x2192: '->', 0x2264: '<=', 0x2265: '>=', 0x2260: '!=' };

export function isWinAnsi(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);
}

export function placeholder(cp: number): string {
  return `‹U+${cp.toString(16).toUpperCase().padStart(4, '0')}›`;
}

/**
 * Text safe for the standard fonts. Line feeds are kept (CRLF counts as one) when `multiline`, else shown as
 * ¶; a tab becomes spaces up to the next multiple of four columns in multi-line text and one space otherwise.
 */
export function pdfSafe(text: string, multiline = true): string {
  let out = '';
  let column = 0;
  const normalised = text.replace(/\r\n/g, '\n');
  for (const ch of normalised) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      out += multiline ? '\n' : ' ¶ ';
      column = 0;
    } else if (ch === '\t') {
      const spaces = multiline ? 4 - (column % 4) : 1;
      out += ' '.repeat(spaces);
      column += spaces;
    } else {
      // A lone surrogate has no code point of its own: show it, like any other unencodable unit.
      const piece = isWinAnsi(cp) ? ch : (ASCII_SPELLING[cp] ?? placeholder(cp));
      out += piece;
      column += piece.length;
    }
  }
  return out;
}

/** Cuts text to `max` characters with a note of how much was left out (the full text is in evidence.json). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)} … [${text.length - max} more characters in evidence.json]`;
}
