/**
 * Turns any value into something a spreadsheet shows as data and never executes or chokes on.
 *
 * Formula-looking text. Every text is written as a string cell (`t="inlineStr"`, never an `<f>` element), which
 * neither Excel nor LibreOffice evaluates: a tag the client typed as `=HYPERLINK(…)` or `+44 20 …` is shown
 * exactly as written and stays inert. An earlier version prefixed such text with an apostrophe, which both
 * programs show literally: the client saw text they never wrote (docs/DECISIONS.md, Exports).
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
 * Excel refuses cells longer than 32,767 characters: longer text is cut with a marker that says how much and
 * where the whole text is (evidence.json in the evidence bundle keeps every byte).
 *
 * Only primitives and dates are cell values. Anything else reaching a row (an object or a function, as a
 * tag lookup on a plain object once returned for "constructor") becomes an empty cell rather than an
 * exception that aborts the whole export or text that was never data.
 */
export type CellInput = string | number | boolean | Date | CellLink | null | undefined;
export type CellValue = string | number | Date | { text: string; hyperlink: string } | null;

/** A link to a row of another sheet of the same workbook (written as an internal `location`, see links.ts). */
export interface CellLink {
  link: true;
  text: string;
  sheet: string;
  row: number;
}

export function cellLink(text: string, sheet: string, row: number): CellLink {
  return { link: true, text, sheet, row };
}

/** The reference Excel and LibreOffice follow: `'Evidence (2)'!A17`. */
export function sheetReference(sheet: string, row: number, column = 'A'): string {
  return `'${sheet.replace(/'/g, "''")}'!${column}${row}`;
}

export const EXCEL_MAX_CHARS = 32_767;
// C0 controls XML forbids, plus DEL and C1 controls: XML only discourages those, but parsers differ on them
// (exceljs's reader drops DEL), so they are made visible the same way.
const XML_FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Text that needs none of the replacements below: printable ASCII and line feeds (nearly every cell). */
const PLAIN = /^[\x20-\x7E\n]*$/;

export function cellText(raw: string): string {
  if (PLAIN.test(raw)) return raw.length > EXCEL_MAX_CHARS ? truncate(raw, EXCEL_MAX_CHARS) : raw;
  const s = raw.replace(/\r\n/g, '\n').replace(/\r/g, '\uFFFD').replace(XML_FORBIDDEN, '\uFFFD').replace(BIDI_CONTROLS, '\uFFFD');
  return s.length > EXCEL_MAX_CHARS ? truncate(s, EXCEL_MAX_CHARS) : s;
}

/** Whether cellText cuts this text (the Summary counts such cells). */
export function isCut(raw: string): boolean {
  return raw.length > EXCEL_MAX_CHARS && raw.replace(/\r\n/g, '\n').length > EXCEL_MAX_CHARS;
}

function truncate(s: string, room: number): string {
  const marker = ` … [truncated: first %n of ${s.length} characters shown; evidence.json in the evidence bundle has the whole text]`;
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
  if (isLink(value)) return { text: cellText(value.text), hyperlink: `#${sheetReference(value.sheet, value.row)}` };
  return null;
}

/** An ISO timestamp from the evidence as a real spreadsheet date; absent or unparsable gives an empty cell. */
export function isoDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function isLink(v: unknown): v is CellLink {
  return typeof v === 'object' && v !== null && (v as CellLink).link === true && typeof (v as CellLink).text === 'string';
}
