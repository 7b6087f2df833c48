/**
 * Hand-built ZIPs for the hostile-input tests: what a crafted file can say that no ZIP writer would (sizes that
 * lie, entries the central directory does not list, a directory that miscounts). Independent of the importer's
 * own ZIP code, so a bug there cannot hide here.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export interface FixtureEntry {
  name: string;
  data: Buffer | string;
  /** Uncompressed size written in both headers; a lie when it is not the data's length. */
  declaredSize?: number;
  /** Written as a local entry only, absent from the central directory. */
  hidden?: boolean;
  /** Already deflated data (with `declaredSize`), for parts too large to hold unpacked; `data` is then ignored. */
  packed?: Buffer;
}

export interface ZipOptions {
  /** Entry count written in the end record; the true count when not given. */
  count?: number;
  /** Also write a ZIP64 end record and locator (with 32-bit values), as some writers always do. */
  zip64Record?: boolean;
  /** Extra central-directory records named `name` that point at the local entry of `of`: overlapping entries. */
  aliases?: { name: string; of: string }[];
}

/** APPNOTE §4.3.14–§4.3.15, with the same values as the 32-bit end record. */
function zip64Trailer(count: number, dirSize: number, dirOffset: number): Buffer {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(dirSize), 40);
  record.writeBigUInt64LE(BigInt(dirOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(dirOffset + dirSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator]);
}

export function buildZip(entries: FixtureEntry[], opts: ZipOptions = {}): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const offsets = new Map<string, { at: number; central: Buffer }>();
  for (const e of entries) {
    const data = e.packed ? Buffer.alloc(0) : Buffer.from(e.data);
    const packed = e.packed ?? deflateRawSync(data);
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, packed);
    if (!e.hidden) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(8, 10);
      c.writeUInt32LE(crc32(data), 16);
      c.writeUInt32LE(packed.length, 20);
      c.writeUInt32LE(size, 24);
      c.writeUInt16LE(name.length, 28);
      c.writeUInt32LE(offset, 42);
      central.push(c, name);
      offsets.set(e.name, { at: offset, central: c });
    }
    offset += 30 + name.length + packed.length;
  }
  for (const alias of opts.aliases ?? []) {
    const target = offsets.get(alias.of);
    if (!target) throw new Error(`no entry ${alias.of}`);
    const name = Buffer.from(alias.name);
    const c = Buffer.from(target.central);
    c.writeUInt16LE(name.length, 28);
    central.push(c, name);
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = opts.count ?? entries.filter((e) => !e.hidden).length + (opts.aliases?.length ?? 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, ...(opts.zip64Record ? [zip64Trailer(count, dir.length, offset)] : []), end]);
}

/** Every file entry of a (well-formed) ZIP, in directory order, as text. */
export function unzipText(zip: Buffer): FixtureEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  let p = zip.readUInt32LE(eocd + 16);
  const entries: FixtureEntry[] = [];
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const at = zip.readUInt32LE(p + 42);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const raw = zip.subarray(start, start + size);
    if (!name.endsWith('/')) entries.push({ name, data: (method === 8 ? inflateRawSync(raw) : raw).toString('utf8') });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * Sheet "S" as exceljs writes it (Domain, Client; a.example/Acme, b.example, c.example), its parts as text so a
 * test can splice hostile XML in.
 */
export async function plainWorkbookParts(): Promise<FixtureEntry[]> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('S').addRows([['Domain', 'Client'], ['a.example', 'Acme'], ['b.example'], ['c.example']]);
  return unzipText(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** `parts` with `edit` applied to the text of part `name` (which must exist). */
export function edited(parts: FixtureEntry[], name: string, edit: (text: string) => string): FixtureEntry[] {
  if (!parts.some((p) => p.name === name)) throw new Error(`no part ${name}`);
  return parts.map((p) => (p.name === name ? { ...p, data: edit(String(p.data)) } : p));
}

/** `chars` copies of `unit`, deflated as a stream (never held unpacked): a part far larger than memory allows. */
export async function deflatedRepeat(unit: string, chars: number, prefix = '', suffix = ''): Promise<{ packed: Buffer; size: number }> {
  const { createDeflateRaw } = await import('node:zlib');
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const block = Buffer.from(unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, 1 << 20));
  const write = (b: Buffer) => new Promise<void>((resolve) => (deflate.write(b) ? resolve() : deflate.once('drain', resolve)));
  await write(Buffer.from(prefix));
  let left = chars;
  while (left > 0) {
    const n = Math.min(left, block.length);
    await write(n === block.length ? block : block.subarray(0, n));
    left -= n;
  }
  await write(Buffer.from(suffix));
  deflate.end();
  await done;
  return { packed: Buffer.concat(out), size: Buffer.byteLength(prefix) + chars + Buffer.byteLength(suffix) };
}

export const SHEET = 'xl/worksheets/sheet1.xml';

/** The plain workbook with its sheet replaced by `cellChars` of text in one inline-string cell under a Domain header. */
export async function hugeCellWorkbook(parts: FixtureEntry[], cellChars: number): Promise<Buffer> {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + '<row r="1"><c r="A1" t="inlineStr"><is><t>Domain</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>';
  const tail = '</t></is></c></row></sheetData></worksheet>';
  const { packed, size } = await deflatedRepeat('a', cellChars, head, tail);
  return buildZip(parts.map((p) => (p.name === SHEET ? { name: SHEET, data: '', packed, declaredSize: size } : p)));
}

/** The file: a 10 MB sheet part, and 100 directory records all pointing at it (a ~15 KB file). */
export async function sharedPartWorkbook(parts: FixtureEntry[]): Promise<Buffer> {
  const { packed, size } = await deflatedRepeat(' ', 10 * 1024 * 1024, '<worksheet><sheetData>', '</sheetData></worksheet>');
  const aliases = Array.from({ length: 99 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 2}.xml`, of: SHEET }));
  return buildZip(parts.map((p) => (p.name === SHEET ? { name: SHEET, data: '', packed, declaredSize: size } : p)), { aliases });
}
