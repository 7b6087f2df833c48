/**
 * An XLSX file as its parts, checked before exceljs sees any of it: a workbook, no more unpacked bytes than the
 * caps allow (as declared, and then as actually inflated: see zip/entry-bytes.ts), and handed to exceljs only
 * as a rewritten, stored ZIP of the parts checked (see zip/stored-zip.ts). Both readers take their bytes from here.
 */
import { Readable } from 'node:stream';
import type { ByteSource } from '../../byte-source';
import { ImportError } from '../../import-error';
import { MAX_HELD_PART_BYTES, MAX_UNZIPPED_BYTES, MAX_XML_TEXT_RUN_BYTES } from '../limits';
import { storedZip } from '../../zip/stored-zip';
import { entryBytes } from '../../zip/entry-bytes';
import { boundedTextRuns, isXmlPart } from './xml-text-runs';
import { readZipDirectory, type ZipEntry } from '../../zip/directory';

export interface XlsxPart {
  entry: ZipEntry;
  data: Buffer;
}

/**
 * The parts exceljs's stream reader reads (the same names it matches, unanchored as it matches them); it drains
 * every other entry, so those are left out of what it is given rather than inflated for nothing.
 */
const HELD_PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
const EXCELJS_SHEET = /xl\/worksheets\/sheet\d+[.]xml/;

export function isExceljsSheet(name: string): boolean {
  return EXCELJS_SHEET.test(name);
}

/** The file's entries (directories left out), once it is known to be a workbook within the size caps. */
export async function readPackage(source: ByteSource): Promise<ZipEntry[]> {
  const directory = await readZipDirectory(source);
  if (!directory.ok) throw new ImportError('UNREADABLE', `${source.name} looks like an Excel workbook but is damaged (${directory.problem})`);
  const all = directory.entries;
  assertWorkbook(all, source.name);
  const entries = all.filter((e) => !(e.name.endsWith('/') && e.uncompressedSize === 0));
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_UNZIPPED_BYTES) {
    throw new ImportError('TOO_LARGE', `${source.name} unpacks to more than ${MAX_UNZIPPED_BYTES / 1048576} MB; split the workbook or export the list as CSV`);
  }
  const held = entries.find((e) => HELD_PARTS.has(e.name) && e.uncompressedSize > MAX_HELD_PART_BYTES);
  if (held) {
    throw new ImportError('TOO_LARGE', `${source.name} is too complex: its ${held.name} unpacks to more than ${MAX_HELD_PART_BYTES / 1048576} MB; export the list as CSV`);
  }
  return entries;
}

/** Every part unpacked into memory, for the whole-workbook reader (the caller has bounded their total). */
export async function unpackParts(source: ByteSource, entries: ZipEntry[]): Promise<XlsxPart[]> {
  const parts: XlsxPart[] = [];
  for (const entry of inFileOrder(entries)) {
    const chunks: Buffer[] = [];
    for await (const chunk of partBytes(source, entry)) chunks.push(chunk);
    parts.push({ entry, data: Buffer.concat(chunks, entry.uncompressedSize) });
  }
  return parts;
}

/** The whole-workbook reader's input. */
export async function packageBuffer(parts: XlsxPart[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of storedZip(parts.map(({ entry, data }) => ({ entry, data: [data] })))) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The stream reader's input: the parts it reads, unpacked as it pulls them. Fails (as a stream) on a part that lies about its size. */
export function packageStream(source: ByteSource, entries: ZipEntry[]): Readable {
  const read = inFileOrder(entries).filter((e) => HELD_PARTS.has(e.name) || isExceljsSheet(e.name));
  return Readable.from(storedZip(read.map((entry) => ({ entry, data: partBytes(source, entry) }))), { objectMode: false });
}

/** An entry's unpacked bytes; XML parts also held to MAX_XML_TEXT_RUN_BYTES between tags. */
function partBytes(source: ByteSource, entry: ZipEntry): AsyncGenerator<Buffer> {
  const bytes = entryBytes(source, entry);
  if (!isXmlPart(entry.name)) return bytes;
  return boundedTextRuns(bytes, () => new ImportError('TOO_LARGE', `${source.name} cannot be read: ${entry.name} holds a cell (or tag) of more than ${MAX_XML_TEXT_RUN_BYTES / 1048576} MB of text, far beyond Excel's limit of 32,767 characters per cell; the file was not saved by Excel or is damaged`));
}

/** exceljs's stream reader depends on the order parts come in (sheets before shared strings are spooled to disk). */
function inFileOrder(entries: ZipEntry[]): ZipEntry[] {
  return [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
}

function assertWorkbook(entries: ZipEntry[], name: string): void {
  const has = (path: string) => entries.some((e) => e.name === path);
  if (has('xl/workbook.xml')) return;
  const what = has('content.xml') && has('mimetype') ? 'an OpenDocument file (save it as .xlsx or CSV)'
    : has('xl/workbook.bin') ? 'an Excel binary workbook (.xlsb; save it as .xlsx or CSV)'
    : has('Index/Document.iwa') ? 'an Apple Numbers file (export it as .xlsx or CSV)'
    : has('word/document.xml') ? 'a Word document'
    : has('ppt/presentation.xml') ? 'a PowerPoint presentation'
    : 'a ZIP archive';
  throw new ImportError('NOT_A_TABLE', `${name} is ${what}, not a CSV or XLSX file`);
}
