/**
 * Reads a client's list of domains from CSV or XLSX: finds the header row and the domain column, turns e-mail
 * addresses and URLs into domains, keeps the other columns as tags, and reports every row with content that is
 * not used (empty, not a domain, duplicate) with its row number. The CLI (`audit <file>`) and the app's
 * `import:preview` both come through here, and nothing else reaches into ./import/ (the boundary test holds
 * that): ./import/csv/ reads CSV, ./import/xlsx/ reads XLSX (with its ZIP checks in ./import/xlsx/zip/), and
 * both hand raw rows (./import/rows/raw-row.ts, where format-specific reading ends) to the shared row pipeline
 * in ./import/rows/.
 *
 * Throws ImportError (with a `code`) for a file that cannot be read at all: not CSV/XLSX, empty, too large, no
 * usable column, an unknown `column`/`sheet` (the message lists the valid ones), or no row with a domain at all
 * (NO_DOMAINS: there is nothing to audit, so no audit may be created from it).
 */
import path from 'node:path';
import { bufferSource, fileSource, type ByteSource } from './byte-source';
import type { DomainsFile, ReadOptions } from './import/rows/domains-file';
import { fileKind } from './import/file-kind';
import { ImportError } from './import-error';
import { importCsv } from './import/csv/import-csv';
import { importXlsx } from './import/xlsx/import-xlsx';

export type { DomainsFile, ImportedRow, ReadOptions, RejectedRow, SkippedSheet } from './import/rows/domains-file';
export { ImportError, type ImportErrorCode } from './import-error';
export { domainsFileBytes } from './import/rows/domains-file-size';

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
  const file = fileKind(head, source.name) === 'zip' ? await importXlsx(source, opts) : await importCsv(source, head, opts);
  if (file.rows.length === 0) throw noDomains(source.name, file);
  return file;
}

/** Why a list with a domain column yielded nothing, with the first rows not used as examples. */
function noDomains(name: string, file: DomainsFile): ImportError {
  const column = `column "${file.domainColumn}"`;
  if (file.rejects.length === 0) return new ImportError('NO_DOMAINS', `no domains to audit: ${name} has no rows below its header in ${column}`);
  const examples = file.rejects.slice(0, 3).map((r) => `${r.sheet ? `sheet "${r.sheet}" ` : ''}row ${r.row}${r.value ? ` ${JSON.stringify(r.value.slice(0, 40))}` : ''}: ${r.reason}`).join('; ');
  const more = file.rejects.length > 3 ? `; and ${file.rejects.length - 3} more` : '';
  return new ImportError('NO_DOMAINS', `no domains to audit: none of the ${file.rejects.length} row(s) of ${name} holds a domain in ${column} (${examples}${more})`);
}
