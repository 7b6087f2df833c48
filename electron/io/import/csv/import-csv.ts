/** A CSV file → DomainsFile. */
import type { ByteSource } from '../../byte-source';
import type { DomainsFile, ReadOptions } from '../rows/domains-file';
import { ImportError } from '../../import-error';
import { withCsvTable } from './read-csv';
import { readSheet } from '../rows/read-sheet';
import { RowCollector } from '../rows/row-collector';
import { sheetError } from '../rows/sheet-errors';

export async function importCsv(source: ByteSource, head: Buffer, opts: ReadOptions): Promise<DomainsFile> {
  if (opts.sheet) throw new ImportError('UNKNOWN_SHEET', `${source.name} is a CSV file; it has no sheets to choose from`);
  return withCsvTable(source, head, async (table) => {
    const collector = new RowCollector();
    const result = await readSheet(table.rows, {
      column: opts.column,
      accept: () => true,
      open: (layout) => collector.sheet(layout),
    });
    if (result.kind !== 'read') throw sheetError(result, source.name, opts.column);
    return {
      format: 'csv',
      delimiter: table.delimiter,
      encoding: table.encoding,
      headerRow: result.layout.headerRow,
      domainColumn: result.layout.columns[result.layout.domainIndex]!,
      columns: result.sink.columns,
      rows: collector.rows,
      rejects: collector.rejects,
    };
  });
}
