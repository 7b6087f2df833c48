/**
 * Makes any text safe to draw with the pack's embedded fonts (fonts.ts). Text from audited domains can hold
 * anything: IDN U-labels, other scripts, emoji, control characters, bidi overrides, a byte order mark. Letters
 * of any script a face has are drawn as themselves. What is invisible or has no glyph is written as a visible
 * placeholder, so the reader sees that something was there and which code point it was (the exact bytes are in
 * evidence.json): a CR as ‹CR›, a byte order mark as ‹BOM›, any other control, format (bidi overrides, zero
 * width), private-use or unassigned code point, a lone surrogate, or a character no face has as ‹U+XXXX›.
 * Bidi controls so lose their effect on layout.
 */
import { drawable } from './fonts';

const NAMED: Record<number, string> = { 0x0d: '‹CR›', 0xfeff: '‹BOM›' };

/** Controls, format characters, line/paragraph separators, private use, unassigned, surrogates. */
const INVISIBLE = /[\p{C}\p{Zl}\p{Zp}]/u;

export function placeholder(cp: number): string {
  return NAMED[cp] ?? `‹U+${cp.toString(16).toUpperCase().padStart(4, '0')}›`;
}

/** Whether a character prints as itself. */
export function printable(ch: string): boolean {
  return !INVISIBLE.test(ch) && drawable(ch.codePointAt(0)!);
}

/**
 * Text safe for the embedded fonts. Line feeds are kept (CRLF counts as one) when `multiline`, else shown as
 * ¶; a tab becomes spaces up to the next multiple of four columns in multi-line text and one space otherwise.
 */
export function pdfSafe(text: string, multiline = true): string {
  // Fast path: printable ASCII only (most of a report).
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  let out = '';
  let column = 0;
  const normalised = text.replace(/\r\n/g, '\n');
  for (const ch of normalised) {
    if (ch === '\n') {
      out += multiline ? '\n' : ' ¶ ';
      column = 0;
    } else if (ch === '\t') {
      const spaces = multiline ? 4 - (column % 4) : 1;
      out += ' '.repeat(spaces);
      column += spaces;
    } else {
      // A lone surrogate has no code point of its own: show it, like any other undrawable unit.
      const piece = printable(ch) ? ch : placeholder(ch.codePointAt(0)!);
      out += piece;
      column += piece.length;
    }
  }
  return out;
}

/** After these a long token may wrap: the separators of host names, codes, paths, key=value and lists. */
const BREAK_AFTER = /[_.\-/:=,;@|]/;

/**
 * Breaks each whitespace-free token wider than `width` onto several lines after a separator (a dot, an
 * underscore, a slash…), so "UNABLE_TO_VERIFY_LEAF_SIGNATURE" wraps as "UNABLE_TO_VERIFY_" + "LEAF_SIGNATURE",
 * never inside a word; a token without separators (a hash) is cut only where it must be.
 *
 * `measurePart` measures the prefixes and remainders tried while splitting: strings drawn nowhere, which the
 * caller can measure without keeping their layout (layout-cache.ts); it must give the same widths as `measure`.
 */
export function breakLongTokens(text: string, width: number, measure: (s: string) => number, measurePart = measure): string {
  // Cheap bound first: no glyph of the faces is narrower than a quarter em at the sizes used (≥ 6 pt).
  return text.replace(/[^\s]{12,}/g, (token) => (measure(token) <= width ? token : splitToken(token, width, measurePart).join('\n')));
}

function splitToken(token: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let rest = token;
  while (rest.length > 0 && measure(rest) > width) {
    // The longest prefix that fits, then back to the last separator in it when there is one.
    let fit = 1;
    let over = rest.length;
    while (over - fit > 1) {
      const mid = (fit + over) >> 1;
      if (measure(rest.slice(0, mid)) <= width) fit = mid;
      else over = mid;
    }
    let cut = fit;
    for (let i = fit; i > Math.floor(fit / 3); i--) {
      if (BREAK_AFTER.test(rest[i - 1]!)) {
        cut = i;
        break;
      }
    }
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) lines.push(rest);
  return lines;
}

/** Cuts text to `max` characters with a note of how much was left out (the full text is in evidence.json). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)} … [${text.length - max} more characters in evidence.json]`;
}
