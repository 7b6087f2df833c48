/**
 * Turns any value into something a spreadsheet shows as data and never executes or chokes on.
 *
 * Formula-looking text. exceljs writes a JS string as a typed string cell (`t="str"`, no `<f>`), which neither
 * Excel nor LibreOffice evaluates on open. That is not enough: a user who edits such a cell, or saves the
 * sheet as CSV and re-opens it, turns `=HYPERLINK(…)` into a live formula. Excel's quotePrefix style would hide
 * the marker but exceljs cannot write it, and it is lost on CSV export anyway; an invisible zero-width prefix
 * would survive but silently alter text a consultant copies into a terminal. So every string starting with
 * `=`, `+`, `-`, `@`, tab, CR or LF gets a leading apostrophe (the OWASP recommendation for CSV injection):
 * both Excel and LibreOffice show a stored apostrophe literally, treat the cell as text when it is re-edited
 * (a typed leading apostrophe means "text"), and keep it on CSV export, so the value stays inert everywhere
 * and the reader can see it was escaped.
 *
 * XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and unpaired surrogates (DEL and C1 are treated alike); one of them in a hostile policy
 * body would make the file unreadable. They become U+FFFD, visibly, so the evidence still shows that
 * something was there (the exact bytes are in evidence.json). A CR that ends a line (CRLF) becomes LF; a lone
 * CR, which is itself a finding (MTASTS_POLICY_CONTROL_CHARS), stays visible as U+FFFD.
 *
 * Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are legal XML but make a cell
 * display other than what it holds (U+202E before "moc.elpmaxe" shows example.com): in a domain name, a DNS
 * answer or a policy body they can only mislead the reader, so they become U+FFFD too, in every cell. A tag
 * typed in a right-to-left script almost never needs one; losing it costs at most a display detail.
 *
 * Excel refuses cells longer than 32,767 characters: longer text is cut with a marker that says how much.
 *
 * Only primitives and dates are cell values. Anything else reaching a row (an object or a function, as a
 * tag lookup on a plain object once returned for "constructor") becomes an empty cell rather than an
 * exception that aborts the whole export or text that was never data.
 */
export type CellInput = string | number | boolean | Date | null | undefined;
export type CellValue = string | number | Date | null;

export const EXCEL_MAX_CHARS = 32_767;
const FORMULA_START = /^[=+\-@\t\r\n]/;
// C0 controls XML forbids, plus DEL and C1 controls: XML only discourages those, but parsers differ on them
// (exceljs's reader drops DEL), so they are made visible the same way.
const XML_FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function cellText(raw: string): string {
  let s = raw.replace(/\r\n/g, '\n').replace(/\r/g, '\uFFFD').replace(XML_FORBIDDEN, '\uFFFD').replace(BIDI_CONTROLS, '\uFFFD');
  // Tested on the raw text too: a leading CR has become U+FFFD, but the escape still documents the intent.
  const escape = FORMULA_START.test(raw) || FORMULA_START.test(s);
  const room = EXCEL_MAX_CHARS - (escape ? 1 : 0);
  if (s.length > room) s = truncate(s, room);
  return escape ? `'${s}` : s;
}

function truncate(s: string, room: number): string {
  const marker = ` … [truncated: first %n of ${s.length} characters shown]`;
  let keep = room - marker.length - 6;
  // Never cut between the halves of a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(s.charAt(keep - 1))) keep--;
  return s.slice(0, keep) + marker.replace('%n', String(keep));
}

/** Typed as CellInput, but checked at run time: rows are built from stored JSON and untrusted tag names. */
export function cellValue(v: CellInput): CellValue {
  const value: unknown = v;
  if (typeof value === 'string') return value === '' ? null : cellText(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? value : cellText(String(value));
  if (typeof value === 'bigint') return cellText(String(value));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  return null;
}

/** An ISO timestamp from the evidence as a real spreadsheet date; absent or unparsable gives an empty cell. */
export function isoDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}
