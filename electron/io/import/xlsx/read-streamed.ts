/**
 * Reads a workbook sheet by sheet with exceljs's streaming reader: memory holds the shared strings and one row
 * at a time. It cannot see merged ranges or hyperlink targets (they follow the rows in the sheet XML), which only
 * matters for the small hand-made workbooks read whole instead.
 *
 * exceljs's stream reader can wait forever on a damaged archive: a sheet stored before the shared strings (as
 * Excel saves them) is piped to a temp file, and a failing entry never finishes that pipe. So every step is
 * watched: no input consumed and no row delivered for `stallMs` ends the import as UNREADABLE.
 *
 * Its input is the checked, rewritten package (package-parts.ts), never the file itself: exceljs's unzipper
 * inflates whatever the local headers point at, with no size limit.
 */
import { Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ByteSource } from '../../byte-source';
import { ImportError } from '../../import-error';
import type { RawRow } from '../rows/raw-row';
import type { XlsxBook, XlsxSheet } from './book';
import { cellText } from './cell-text';
import { packageStream, readPackage } from './package-parts';
import type { ZipEntry } from '../../zip/directory';

/** Far longer than any pause between chunks or rows of a sound file, even on a busy machine. */
const STALL_MS = 10_000;

/** What exceljs sets on its stream readers but does not declare. */
interface NamedWorksheetReader extends ExcelJS.stream.xlsx.WorksheetReader {
  name?: string;
}
interface ModelledWorkbookReader {
  model?: { sheets?: { name?: string }[] };
}

/**
 * `entries`: the package as openXlsx already checked it (read again when not given).
 *
 * exceljs's stream reader now and then fails on its very first sheet with a TypeError of its own ("reading
 * 'sheets'" of a workbook model it has not built yet), on a package that reads fine the next time: a race
 * inside exceljs, seen a few times in hundreds of test reads under load. The package is ours and already checked,
 * so that one failure is retried once; anything else, or a second failure, is the file's.
 */
export async function openXlsxStream(source: ByteSource, stallMs = STALL_MS, entries?: ZipEntry[]): Promise<XlsxBook> {
  const checked = entries ?? (await readPackage(source));
  try {
    return await openOnce(source, stallMs, checked);
  } catch (err) {
    if (!(err instanceof ImportError) || !(err.cause instanceof TypeError)) throw err;
    return openOnce(source, stallMs, checked);
  }
}

async function openOnce(source: ByteSource, stallMs: number, entries: ZipEntry[]): Promise<XlsxBook> {
  const input = packageStream(source, entries);
  const watch = new StallWatch(stallMs, source.name);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(watched(input, watch), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell exceljs which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const step = <T>(next: () => Promise<T>): Promise<T> => unreadable(source, () => watch.watch(next()));
  const worksheets = reader[Symbol.asyncIterator]();
  let first: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
  try {
    first = await step(() => worksheets.next());
  } catch (err) {
    // No book to close yet: stop reading here.
    watch.stop();
    input.destroy();
    throw err;
  }
  // workbook.xml precedes the sheets in every XLSX writer we know; names seen while reading are the fallback.
  const names = ((reader as unknown as ModelledWorkbookReader).model?.sheets ?? []).map((s) => s.name ?? '');
  return {
    names: names.length > 0 || first.done ? names : [sheetName(first.value)],
    sheets: (async function* (): AsyncGenerator<XlsxSheet> {
      let next = first;
      while (!next.done) {
        yield { name: sheetName(next.value), rows: rowsOf(next.value, step) };
        next = await step(() => worksheets.next());
      }
    })(),
    close: () => {
      watch.stop();
      input.destroy();
    },
  };
}

/**
 * The bytes exceljs reads, counted as progress. exceljs pipes its input into the unzipper without listening for
 * errors, so a read error would be an uncaught exception; ending the stream instead makes the unzipper fail on
 * a truncated archive. The error itself (a part larger than it declares, say) ends the import first.
 */
function watched(input: Readable, watch: StallWatch): Readable {
  const counted = new Transform({
    transform(chunk, _encoding, done) {
      watch.progress();
      done(null, chunk);
    },
  });
  input.on('error', (err) => {
    watch.abort(err);
    counted.end();
  });
  return input.pipe(counted);
}

class StallWatch {
  private timer: NodeJS.Timeout | undefined;
  private fail: ((err: Error) => void) | undefined;
  private aborted: Error | undefined;

  constructor(private readonly ms: number, private readonly name: string) {}

  /** `pending`, or UNREADABLE if it makes no progress for the watch's time, or the input's own error. */
  watch<T>(pending: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Handled whatever happens, so exceljs failing after an abort is not an unhandled rejection.
      pending.then(resolve, reject).finally(() => this.stop());
      if (this.aborted) return reject(this.aborted);
      this.fail = reject;
      this.progress();
    });
  }

  /** The input failed: this step and every later one fail with its error, not with whatever exceljs makes of it. */
  abort(err: Error): void {
    this.aborted = err;
    this.fail?.(err);
    this.stop();
  }

  progress(): void {
    if (!this.fail) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fail?.(new ImportError('UNREADABLE', `${this.name} could not be read as an Excel workbook (reading stopped part-way; the file looks damaged)`)), this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.fail = undefined;
  }
}

function sheetName(ws: NamedWorksheetReader): string {
  return ws.name ?? 'Sheet';
}

async function* rowsOf(ws: ExcelJS.stream.xlsx.WorksheetReader, step: <T>(next: () => Promise<T>) => Promise<T>): AsyncGenerator<RawRow> {
  const rows = ws[Symbol.asyncIterator]();
  for (;;) {
    const next = await step(() => rows.next());
    if (next.done) return;
    const row = next.value;
    const cells: string[] = [];
    row.eachCell((cell, col) => {
      cells[col - 1] = cellText(cell.value, cell.numFmt);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    yield { row: row.number, cells };
  }
}

async function unreadable<T>(source: ByteSource, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError('UNREADABLE', `${source.name} could not be read as an Excel workbook (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}
