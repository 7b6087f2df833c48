/**
 * The words of an import that cross from the importer to the app: the `import:preview` sheet choice that reads
 * every sheet of a workbook with a column of domains, and the tag naming the sheet a row came from. Their own
 * zod-free module, so the renderer can use them without bundling the contract's schemas.
 */
export const ALL_SHEETS = 'all sheets';

/** Tag naming the sheet a row came from, when several sheets are read. */
export const SHEET_TAG = 'sheet';
