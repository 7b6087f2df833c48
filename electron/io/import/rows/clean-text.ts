/**
 * Cell text is untrusted and often pasted from web pages or e-mail: it carries zero-width characters, no-break
 * spaces and stray control characters that look like nothing but break comparisons. Every cell goes through
 * here once, before anything looks at it.
 */

// Zero-width space/joiners, word joiner, BOM/ZWNBSP, soft hyphen: invisible, never meant.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// No-break and other Unicode spaces become plain spaces (so they trim).
const SPACES = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
// C0/C1 controls except tab and line feed (kept: multi-line notes are legitimate).
const CONTROLS = /[\0-\x08\x0b-\x1f\x7f-\x9f]/g;
const PLAIN = /^[\x20-\x7e]*$/;

export function cleanCell(raw: string): string {
  if (PLAIN.test(raw)) return raw.trim();
  return raw.replace(INVISIBLE, '').replace(SPACES, ' ').replace(/\r\n?/g, '\n').replace(CONTROLS, ' ').trim();
}

/** Cuts text to `max` characters, marking the cut. */
export function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** For column names: one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * A copy of `text` that refers to no larger string. V8 makes a substring of 13 characters or more a view into
 * its parent, so a cell text kept from a reader's chunk of XML or CSV keeps that whole chunk alive (an XLSX
 * import held 40% more than its rows, and more than the import cache's estimate). A JSON round trip makes a
 * flat copy and, unlike a Buffer round trip, keeps lone surrogates as they are.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
