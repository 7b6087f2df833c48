/**
 * Where the table is: which row is the header (client sheets often have title rows above it, or no header at
 * all) and which column holds the domains. Decided once per sheet on its first rows (LAYOUT_SAMPLE_ROWS), so
 * the rest can stream.
 *
 * - A header row is one of the first HEADER_SCAN_ROWS non-blank rows, above any row holding a domain, at least
 *   half as wide as the table and with a cell naming a domain column (header-keywords); the widest such row, so
 *   a one-cell title "Domain inventory 2024" above the real header is not taken for it. Among its keyword
 *   cells, one whose values below are mostly domains wins, then the stronger keyword (domain > website >
 *   e-mail), then the exact one ("Domain" over "Domain owner"), then the one with more domains below.
 * - Without such a header, the column whose values most often parse as domains wins (bare domains weigh more
 *   than URLs, URLs more than e-mail addresses, so a contact e-mail column loses to the domain column); its
 *   first table row is a header if it holds no domain and the cell above the domains has no `.` or `@` (a
 *   label, not a mistyped domain). Otherwise the file has no header and every non-blank row is data.
 * - A chosen column (name, `column N` or number) overrides the choice; a name not in the detected header is
 *   looked for in the top rows, which then become the header.
 */
import { bounded, oneLine } from './clean-text';
import { domainFromCell, type HostKind } from './domain-cell';
import { matchHeader } from './header-keywords';
import { HEADER_SCAN_ROWS, MAX_COLUMNS, MAX_HEADER_CHARS } from '../limits';
import type { RawRow } from './raw-row';

export interface TableLayout {
  /** Row number of the header; rows up to and including it are not data. */
  headerRow?: number;
  /** Column names, unique case-insensitively. */
  columns: string[];
  domainIndex: number;
  /** Why this column: a header keyword, its content, or the caller's choice. */
  basis: 'header' | 'content' | 'choice';
  /** Share of the column's non-empty sample values below the header that are domains. */
  share: number;
}

export type LayoutResult =
  | { ok: true; layout: TableLayout }
  | { ok: false; problem: 'empty' }
  | { ok: false; problem: 'no-domain-column' | 'unknown-column'; columns: string[] };

const KIND_WEIGHT: Record<HostKind, number> = { domain: 1, url: 0.9, email: 0.8 };

/** `sample`: the first non-blank rows of a sheet, cells already cleaned. */
export function decideLayout(sample: RawRow[], column?: string): LayoutResult {
  if (sample.length === 0) return { ok: false, problem: 'empty' };
  const rows = sample.filter((r) => !r.broken);
  if (rows.length === 0) return { ok: false, problem: 'no-domain-column', columns: [] };
  const width = Math.min(MAX_COLUMNS, Math.max(...rows.map((r) => r.cells.length)));
  const minCells = Math.ceil(typicalFilled(rows) / 2);
  const top = rows.slice(0, HEADER_SCAN_ROWS);
  const keywordHeader = findKeywordHeader(top, minCells);
  const scores = keywordHeader ? undefined : contentScores(rows, width);
  const best = scores ? bestColumn(scores) : undefined;
  const autoHeader = keywordHeader ?? (best === undefined ? undefined : plainHeader(rows, best, minCells));
  if (column !== undefined) return chosen(rows, top, width, autoHeader, column);
  if (keywordHeader) {
    const domainIndex = keywordColumn(keywordHeader, rows);
    return layout(rows, width, keywordHeader, domainIndex, 'header');
  }
  if (best === undefined) {
    // Name the columns after the first full-width row, which is most likely the header, so the message is useful.
    return { ok: false, problem: 'no-domain-column', columns: columnNames(rows.find((r) => filled(r) >= minCells), width) };
  }
  return layout(rows, width, autoHeader, best, 'content');
}

function layout(rows: RawRow[], width: number, header: RawRow | undefined, domainIndex: number, basis: TableLayout['basis']): LayoutResult {
  const columns = columnNames(header, Math.max(width, domainIndex + 1));
  const body = header ? rows.filter((r) => r.row > header.row) : rows;
  return { ok: true, layout: { headerRow: header?.row, columns, domainIndex, basis, share: share(body, domainIndex) } };
}

function chosen(rows: RawRow[], top: RawRow[], width: number, auto: RawRow | undefined, column: string): LayoutResult {
  const want = column.trim().toLowerCase();
  const names = columnNames(auto, width);
  let index = names.findIndex((n) => n.toLowerCase() === want);
  if (index >= 0) return layout(rows, width, auto, index, 'choice');
  for (const r of top) {
    index = r.cells.findIndex((c) => oneLine(c).toLowerCase() === want);
    if (index >= 0) return layout(rows, width, r, index, 'choice');
  }
  const number = /^(?:column\s*)?(\d{1,7})$/.exec(want)?.[1];
  if (number !== undefined && Number(number) >= 1 && Number(number) <= Math.max(width, 1)) return layout(rows, width, auto, Number(number) - 1, 'choice');
  return { ok: false, problem: 'unknown-column', columns: names };
}

/**
 * Among the top rows before the first one holding a domain, the widest that names a domain column; the earliest
 * on a tie. Widest, because a title ("Domain inventory, Q3") may name one too.
 */
function findKeywordHeader(top: RawRow[], minCells: number): RawRow | undefined {
  let best: RawRow | undefined;
  for (const r of top) {
    if (r.cells.some((c) => isDomain(c))) break;
    if (filled(r) < minCells || !r.cells.some((c) => c !== '' && matchHeader(c))) continue;
    if (!best || filled(r) > filled(best)) best = r;
  }
  return best;
}

/** Best keyword cell of the header row (see the module comment for the order). */
function keywordColumn(header: RawRow, rows: RawRow[]): number {
  const body = rows.filter((r) => r.row > header.row);
  const candidates = header.cells.flatMap((c, i) => {
    const m = c === '' ? undefined : matchHeader(c);
    return m ? [{ i, ...m, share: share(body, i) }] : [];
  });
  candidates.sort((a, b) =>
    Number(b.share >= 0.5) - Number(a.share >= 0.5) || b.rank - a.rank || Number(b.exact) - Number(a.exact) || b.share - a.share || a.i - b.i);
  return candidates[0]!.i;
}

interface ColumnScore {
  weight: number;
}

function contentScores(rows: RawRow[], width: number): ColumnScore[] {
  const scores = Array.from({ length: width }, () => ({ weight: 0 }));
  for (const r of rows) {
    for (let i = 0; i < width; i++) {
      const text = r.cells[i];
      if (!text) continue;
      const d = domainFromCell(text, r.links?.[i]);
      if (d.ok) scores[i]!.weight += KIND_WEIGHT[d.kind];
    }
  }
  return scores;
}

function bestColumn(scores: ColumnScore[]): number | undefined {
  let best: number | undefined;
  scores.forEach((s, i) => {
    if (s.weight > 0 && (best === undefined || s.weight > scores[best]!.weight)) best = i;
  });
  return best;
}

/**
 * A header without keywords (see the module comment). Only rows at the top and above the first domain are
 * candidates: a row further down is data, and taking it for the header would silently drop the rows above it.
 */
function plainHeader(rows: RawRow[], column: number, minCells: number): RawRow | undefined {
  const firstDomain = rows.findIndex((r) => isDomain(r.cells[column] ?? '', r.links?.[column]));
  const first = rows.slice(0, firstDomain < 0 ? 0 : Math.min(firstDomain, HEADER_SCAN_ROWS)).find((r) => filled(r) >= minCells);
  if (!first) return undefined;
  const label = first.cells[column] ?? '';
  if (label === '' || /[.@]/.test(label) || first.cells.some((c) => isDomain(c))) return undefined;
  return first;
}

/** Header texts, one line and bounded; `column N` for blanks; repeats get ` (2)`, ` (3)`… */
export function columnNames(header: RawRow | undefined, width: number): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < width; i++) names.push(uniqueName(header?.cells[i] ? bounded(oneLine(header.cells[i]!), MAX_HEADER_CHARS) : `column ${i + 1}`, used));
  return names;
}

export function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${name} (${k})`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function isDomain(text: string, link?: string): boolean {
  return text !== '' && domainFromCell(text, link).ok;
}

function filled(r: RawRow): number {
  let n = 0;
  for (const c of r.cells) if (c !== '') n++;
  return n;
}

/** The most common number of filled cells per row (the wider on a tie): the table's width, ignoring titles. */
function typicalFilled(rows: RawRow[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(filled(r), (counts.get(filled(r)) ?? 0) + 1);
  let best = 1;
  let bestCount = 0;
  for (const [n, count] of counts) if (count > bestCount || (count === bestCount && n > best)) [best, bestCount] = [n, count];
  return best;
}

function share(rows: RawRow[], column: number): number {
  let values = 0;
  let domains = 0;
  for (const r of rows) {
    const text = r.cells[column];
    if (!text) continue;
    values++;
    if (domainFromCell(text, r.links?.[column]).ok) domains++;
  }
  return values === 0 ? 0 : domains / values;
}
