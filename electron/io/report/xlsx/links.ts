/**
 * Links between sheets of the same workbook. A spreadsheet keeps such a link as `<hyperlink ref="B7"
 * location="'Evidence'!A12"/>`, with no relationship part; exceljs's streaming writer knows only external
 * links and would store `#'Evidence'!A12` as an external target (a file name to Excel). This hooks the one
 * place where a sheet's links are collected (exceljs 4.4's SheetRelsWriter.addHyperlink, reached through the
 * sheet's `_sheetRelsWriter`), turning links that start with `#` into locations; its HyperlinkXform then
 * writes them as `location`. Should the internals change shape, the hook throws at once rather than write
 * broken links.
 */
import type ExcelJS from 'exceljs';

type Link = { address: string; target: string; tooltip?: string };
type RelsWriter = { addHyperlink(link: Link): void; _hyperlinks: { address: string; target?: string; rId?: string }[] };

export function keepLinksInternal(sheet: ExcelJS.Worksheet): void {
  const rels = (sheet as unknown as { _sheetRelsWriter?: RelsWriter })._sheetRelsWriter;
  if (!rels || typeof rels.addHyperlink !== 'function' || !Array.isArray(rels._hyperlinks)) {
    throw new Error('exceljs internals changed: cannot write links between sheets');
  }
  const external = rels.addHyperlink.bind(rels);
  rels.addHyperlink = (link: Link) => {
    if (link.target.startsWith('#')) rels._hyperlinks.push({ address: link.address, target: link.target.slice(1) });
    else external(link);
  };
}

/**
 * Lets a committed sheet's links go. Its commit has written them; exceljs keeps every sheet's writer, and so
 * every link, until the whole workbook is committed: at 100,000 domains some 200,000 links, 25 MB of heap
 * held through the rest of the export.
 */
export function releaseLinks(sheet: ExcelJS.Worksheet): void {
  const rels = (sheet as unknown as { _sheetRelsWriter?: RelsWriter; committed?: boolean })._sheetRelsWriter;
  if ((sheet as unknown as { committed?: boolean }).committed && Array.isArray(rels?._hyperlinks)) rels._hyperlinks.length = 0;
}
