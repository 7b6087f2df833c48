/**
 * An exceljs cell value → the text a spreadsheet user sees in the cell. exceljs hands back objects for links,
 * rich text, formulas and errors, and JS Dates for date-formatted numbers.
 */
import type { CellValue } from 'exceljs';

type Fmt = string | undefined;

export function cellText(value: CellValue | unknown, numFmt?: Fmt): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return '';
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return v.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
  if ('hyperlink' in v) return cellText(v.text, numFmt) || (typeof v.hyperlink === 'string' ? v.hyperlink : '');
  // A formula shows its last computed result; the formula text is not what the user sees.
  if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt);
  if (typeof v.error === 'string') return v.error;
  return '';
}

/** The target of a hyperlink cell, used when its displayed text is not a domain ("Acme site" → https://acme.example). */
export function cellLink(value: CellValue | unknown): string | undefined {
  if (value && typeof value === 'object' && 'hyperlink' in value) {
    const link = (value as { hyperlink: unknown }).hyperlink;
    return typeof link === 'string' && link !== '' ? link : undefined;
  }
  return undefined;
}

/**
 * Enough of Excel's number formats for tags to read as displayed: percent, fixed decimals and thousands
 * separators. Anything else shows as General does (up to 15 significant digits, no float noise).
 */
function numberText(n: number, numFmt: Fmt): string {
  if (!Number.isFinite(n)) return String(n);
  const section = (numFmt ?? '').split(';')[0]!.replace(/"[^"]*"|\\.|_.|\*./g, '');
  if (!/[0#]/.test(section)) return generalNumber(n);
  const decimals = /\.([0#]+)/.exec(section)?.[1]?.length ?? 0;
  const percent = section.includes('%');
  const shown = (percent ? n * 100 : n).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: /[0#],[0#]/.test(section),
  });
  return percent ? `${shown}%` : shown;
}

function generalNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** exceljs reads Excel serial dates as UTC; ISO 8601 is unambiguous whatever the client's locale. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return date;
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}
