/**
 * What exceljs builds on its own, beyond the cells in the file, while loading a workbook whole:
 * - every cell of a merged range (`<mergeCell ref>`), after checking the merge against every earlier one;
 * - an entry per cell a data validation covers (`<dataValidation sqref>`), while it parses;
 * - a column object for every column up to the highest `<col min|max>`;
 * - a cell per cell of a defined name's range in workbook.xml (print areas and titles excepted);
 * - a walk of its row array up to the highest `<row r>`.
 * Client sheets often merge or validate whole columns (B2:B1048576 is a million cells, ~1 s and ~170 MB each),
 * and a crafted file can ask for all 17 billion cells of a sheet, so such workbooks are streamed instead.
 *
 * The measure has to hold for any file, not just for what Excel writes. Parts are read with a real tag reader
 * (xml-tags.ts), whole (exceljs does not mind where in a sheet <mergeCells> sits), and every part exceljs
 * parses as a sheet or as the workbook is read. A range is counted as exceljs would expand it when it has the
 * one plain form Excel writes; any other form, and anything the tag reader cannot read, counts as unbounded.
 *
 * One more thing makes a workbook unsafe to load whole: exceljs files a defined name's cells in a plain object
 * keyed by the sheet name written in the name's range. `'__proto__'!$A$1` would write into the prototype of
 * every object in the process (verified against exceljs 4.4.0), so a sheet name Object.prototype has is
 * unprovable too.
 */
import { MAX_EXPANDED_CELLS, MAX_MERGED_RANGES, MAX_SHEET_ROW } from '../limits';
import { isExceljsSheet, type XlsxPart } from './package-parts';
import { Unprovable, xmlTags, xmlText } from './xml-tags';

export interface WorkbookCost {
  /** Cells (and column objects) exceljs creates for ranges. */
  cells: number;
  merges: number;
  /** The highest row number of any sheet. */
  lastRow: number;
}

const SHEET_TAGS = new Set(['mergeCell', 'dataValidation', 'col', 'row']);
const WORKBOOK_TAGS = new Set(['definedName']);
const REF = '\\$?([A-Z]{1,3})\\$?([0-9]+)';
const RANGE = new RegExp(`^${REF}(?::${REF})?$`);
/** A defined name's range may name its sheet, quoted or not, as exceljs's colCache.decodeEx reads it. */
const NAMED_RANGE = new RegExp(`^(?:(?:'((?:[^']|'')*)'|([^'^ !]*))!)?(${REF}(?::${REF})?)$`);
/** exceljs expands a defined name only when its text holds one of these (DefinedNames' rangeRegexp). */
const REF_LIKE = /[$]\w+[$]\d+/;
/** exceljs handles these two itself, without expanding them (WorkbookXform.reconcile). */
const PRINT_SETTINGS = new Set(['_xlnm.Print_Area', '_xlnm.Print_Titles']);

export function workbookCost(parts: readonly XlsxPart[]): WorkbookCost {
  const cost: WorkbookCost = { cells: 0, merges: 0, lastRow: 0 };
  try {
    for (const { entry, data } of parts) {
      // exceljs drops one leading slash from names before matching them.
      const name = entry.name.startsWith('/') ? entry.name.slice(1) : entry.name;
      if (isExceljsSheet(name)) addSheet(data.toString('utf8'), cost);
      else if (name === 'xl/workbook.xml') addWorkbook(data.toString('utf8'), cost);
    }
  } catch (err) {
    if (err instanceof Unprovable) return { cells: Infinity, merges: Infinity, lastRow: Infinity };
    throw err;
  }
  return cost;
}

export function fitsInMemory(cost: WorkbookCost): boolean {
  return cost.cells <= MAX_EXPANDED_CELLS && cost.merges <= MAX_MERGED_RANGES && cost.lastRow <= MAX_SHEET_ROW;
}

/** `A1:B3` → 6; any other form than a plain range → Infinity. */
export function rangeCells(ref: string): number {
  const m = RANGE.exec(ref);
  if (!m) return Infinity;
  const cols = Math.abs(column(m[3] ?? m[1]!) - column(m[1]!)) + 1;
  const rows = Math.abs(Number(m[4] ?? m[2]) - Number(m[2])) + 1;
  // Rows too long for a number are Infinity, and Infinity - Infinity is NaN; exceljs would loop forever on them.
  return Number.isNaN(rows) ? Infinity : cols * rows;
}

/** As exceljs's DataValidationsXform splits and expands `sqref`: a token without `:` is one entry, whatever it says. */
export function validationCells(sqref: string): number {
  let cells = 0;
  for (const token of sqref.split(/\s+/)) cells += token.includes(':') ? rangeCells(token) : 1;
  return cells;
}

function addSheet(xml: string, cost: WorkbookCost): void {
  let columns = 0;
  for (const tag of xmlTags(xml, SHEET_TAGS)) {
    if (tag.close) continue;
    switch (tag.name) {
      case 'mergeCell':
        for (const ref of tag.values('ref')) {
          cost.cells += rangeCells(ref);
          cost.merges++;
        }
        break;
      case 'dataValidation':
        for (const sqref of tag.values('sqref')) cost.cells += validationCells(sqref);
        break;
      case 'col':
        // Column.fromModel creates every column up to the highest min or max it is given.
        for (const n of [...tag.values('min'), ...tag.values('max')]) columns = Math.max(columns, exceljsInt(n));
        break;
      case 'row':
        for (const r of tag.values('r')) cost.lastRow = Math.max(cost.lastRow, exceljsInt(r));
        break;
    }
  }
  cost.cells += columns;
}

function addWorkbook(xml: string, cost: WorkbookCost): void {
  let open: { end: number; expands: boolean } | undefined;
  for (const tag of xmlTags(xml, WORKBOOK_TAGS)) {
    if (!tag.close && !tag.selfClosing) {
      if (open) throw new Unprovable('a defined name inside another');
      const names = tag.values('name', true);
      open = { end: tag.end, expands: names.length === 0 || !names.every((n) => PRINT_SETTINGS.has(n)) };
    } else if (tag.close) {
      if (!open) throw new Unprovable('a defined name closed twice');
      if (open.expands) cost.cells += definedNameCells(xmlText(xml.slice(open.end, tag.start)));
      open = undefined;
    }
  }
  if (open) throw new Unprovable('an unclosed defined name');
}

function definedNameCells(text: string): number {
  if (!REF_LIKE.test(text)) return 0;
  // exceljs glues comma-separated pieces back together inside quoted sheet names; rather than follow it, assume the worst.
  if (text.includes("'") && text.includes(',')) return Infinity;
  let cells = 0;
  for (const piece of text.split(',')) if (REF_LIKE.test(piece)) cells += namedRangeCells(piece);
  return cells;
}

function namedRangeCells(piece: string): number {
  const m = NAMED_RANGE.exec(piece);
  if (!m) return Infinity;
  // As decodeEx picks the sheet name (an empty quoted name counts as none).
  const sheet = m[1] || m[2];
  if (sheet !== undefined && sheet in Object.prototype) throw new Unprovable(`a defined name on a sheet called "${sheet}"`);
  return rangeCells(m[3]!);
}

/** As exceljs reads these numbers (parseInt), so `9e9` is 9 but 400 nines are Infinity. */
function exceljsInt(text: string): number {
  const n = Number.parseInt(text, 10);
  return Number.isNaN(n) ? 0 : Math.max(0, n);
}

function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
