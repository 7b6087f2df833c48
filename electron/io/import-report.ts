/**
 * The import report kept with a run (store/run-inputs.ts): how the input file was read (format, sheet, column
 * chosen, header row), how many rows were used and every row that was not, with why. Written into the bundle
 * as import-report.json, so a reviewer sees which rows of the client's file were audited and which were not.
 */
import type { ImportReport } from '../store/run-inputs';
import type { DomainsFile } from './read-domains';

export type { ImportReport } from '../store/run-inputs';

export function importReport(fileName: string, file: DomainsFile): ImportReport {
  return {
    fileName, format: file.format, sheet: file.sheet, sheets: file.sheets, skippedSheets: file.skippedSheets, delimiter: file.delimiter,
    encoding: file.encoding, headerRow: file.headerRow, domainColumn: file.domainColumn, columns: file.columns, rowsUsed: file.rows.length,
    rejects: file.rejects,
  };
}
