/**
 * Reads a client's list of domains from CSV or XLSX: finds the header row and the domain column, turns e-mail
 * addresses and URLs into domains, keeps the other columns as tags, and reports every row with content that is
 * not used (empty, not a domain, duplicate) with its row number. The CLI (`audit <file>`) and the app's
 * `import:preview` both come through here. The pipeline lives in ./import/ (see raw-row.ts for where
 * format-specific reading ends).
 *
 * Throws ImportError (with a `code`) for a file that cannot be read at all: not CSV/XLSX, empty, too large, no
 * usable column, or an unknown `column`/`sheet` (the message lists the valid ones).
 */
import path from 'node:path';
import { bufferSource, fileSource, type ByteSource } from './import/byte-source';
import type { DomainsFile, ReadOptions } from './import/domains-file';
import { fileKind } from './import/file-kind';
import { importCsv } from './import/import-csv';
import { importXlsx } from './import/import-xlsx';

export type { DomainsFile, ImportedRow, ReadOptions, RejectedRow, SkippedSheet } from './import/domains-file';
export { ImportError, type ImportErrorCode } from './import/import-error';

const HEAD_BYTES = 4096;

/** Reads the file at `file`; the format is told by content, not by extension. */
export async function readDomainsFile(file: string, opts: ReadOptions = {}): Promise<DomainsFile> {
  return readSource(await fileSource(file, path.basename(file)), opts);
}

/** Same, for bytes already in memory (a file dropped on the window); `name` is only used in messages. */
export async function readDomainsBuffer(bytes: Buffer, name: string, opts: ReadOptions = {}): Promise<DomainsFile> {
  return readSource(bufferSource(bytes, path.basename(name)), opts);
}

async function readSource(source: ByteSource, opts: ReadOptions): Promise<DomainsFile> {
  const head = await source.read(0, HEAD_BYTES);
  return fileKind(head, source.name) === 'zip' ? importXlsx(source, opts) : importCsv(source, head, opts);
}
