/**
 * Lists a ZIP's entries from its central directory (APPNOTE.TXT §4.3.12–§4.3.16) without inflating anything, so
 * an XLSX can be checked for what it is and how big it claims to unpack before exceljs touches it.
 *
 * Strict on purpose: the directory must end exactly where the end record starts and hold exactly the entries
 * it counts. A lenient reader (JSZip shifts every offset when bytes were prepended; it also reads records past
 * the count) would otherwise see a different list of entries than the one checked here.
 *
 * Entries must not overlap one another or the directory: a crafted file can point a hundred records at one
 * highly compressed part, so each looks small and the file unpacks a hundred times over. Each entry is given
 * the bytes up to the next entry (its `dataLimit`), and entry-bytes.ts holds its data to them.
 */
import type { ByteSource } from '../byte-source';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** As declared; 0xFFFFFFFF (ZIP64) is reported as Infinity. */
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  /** General-purpose flags; bit 0 is encryption. */
  flags: number;
  crc32: number;
  localHeaderOffset: number;
  /** Where the next entry in file order, or the central directory, begins: this entry's data must end by then. */
  dataLimit: number;
  /** "Version made by" (§4.4.2): its high byte names the system whose attributes `externalAttributes` holds (3: Unix). */
  madeBy?: number;
  /** External file attributes (§4.4.15): for Unix, the st_mode in the high 16 bits (a symbolic link is 0o120000). */
  externalAttributes?: number;
}

/** The entries, or why the directory cannot be trusted (in words for the person who chose the file). */
export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; problem: string };

const INCONSISTENT: ZipDirectory = { ok: false, problem: 'its ZIP directory is missing, truncated or inconsistent' };

/** Record signatures (APPNOTE §4.3.7, §4.3.12, §4.3.16), shared with the writer in stored-zip.ts. */
export const LFH_SIG = 0x04034b50;
export const CDH_SIG = 0x02014b50;
export const EOCD_SIG = 0x06054b50;
const EOCD_MIN = 22;
const CDH_MIN = 46;
const MAX_COMMENT = 0xffff;
const ZIP64 = 0xffffffff;

/** Not ok when the bytes are not a readable ZIP (no end-of-central-directory record, a directory that does not add up, overlapping entries). */
export async function readZipDirectory(source: ByteSource): Promise<ZipDirectory> {
  const tailLength = Math.min(source.size, EOCD_MIN + MAX_COMMENT);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return INCONSISTENT;
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  // Refuses true ZIP64 (sizes or offsets beyond 32 bits) and multi-disk archives. Some writers always add a
  // ZIP64 end record and locator between the directory and this record: accepted when they say the same.
  const directoryEnd = dirOffset + dirSize === tailStart + eocd || zip64RecordAgrees(tail, tailStart, eocd, count, dirSize, dirOffset);
  if (dirOffset === ZIP64 || !directoryEnd || tail.readUInt16LE(eocd + 8) !== count) return INCONSISTENT;
  const dir = await source.read(dirOffset, dirSize);
  const entries = dir.length === dirSize ? parseEntries(dir, count) : undefined;
  if (!entries) return INCONSISTENT;
  const overlap = assignDataLimits(entries, dirOffset);
  return overlap ? { ok: false, problem: overlap } : { ok: true, entries };
}

const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const ZIP64_LOCATOR = 20;
const ZIP64_EOCD_MIN = 56;

/**
 * APPNOTE §4.3.14–§4.3.15: a ZIP64 end record right after the directory, then its locator right before the
 * end record, both agreeing with the 32-bit fields (so nothing here needs 64 bits).
 */
function zip64RecordAgrees(tail: Buffer, tailStart: number, eocd: number, count: number, dirSize: number, dirOffset: number): boolean {
  const locator = eocd - ZIP64_LOCATOR;
  if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIG || tail.readUInt32LE(locator + 16) > 1) return false;
  const record = Number(tail.readBigUInt64LE(locator + 8)) - tailStart;
  if (record < 0 || record + ZIP64_EOCD_MIN > locator || tail.readUInt32LE(record) !== ZIP64_EOCD_SIG) return false;
  const u64 = (at: number) => Number(tail.readBigUInt64LE(record + at));
  return record + 12 + u64(4) === locator && dirOffset + dirSize === tailStart + record
    && u64(24) === count && u64(32) === count && u64(40) === dirSize && u64(48) === dirOffset;
}

/** A local header (APPNOTE §4.3.7) before its name: the least an entry can occupy is this plus its name and data. */
const LFH_MIN = 30;

/**
 * Sets each entry's `dataLimit` and says which entries overlap, if any. In file order, every entry's local
 * header, name and compressed data must end before the next entry starts, and the last before the directory.
 */
function assignDataLimits(entries: (ZipEntry & { nameBytes: number })[], dirOffset: number): string | undefined {
  const inOrder = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 0; i < inOrder.length; i++) {
    const e = inOrder[i]!;
    const next = inOrder[i + 1];
    e.dataLimit = next ? next.localHeaderOffset : dirOffset;
    if (!Number.isFinite(e.compressedSize)) continue; // ZIP64 sizes: refused when unpacked (entry-bytes.ts)
    if (e.localHeaderOffset + LFH_MIN + e.nameBytes + e.compressedSize <= e.dataLimit) continue;
    const other = next ? `"${shown(next.name)}"` : 'the directory itself';
    return next?.localHeaderOffset === e.localHeaderOffset
      ? `its ZIP directory points "${shown(e.name)}" and ${other} at the same bytes (entries that share data can unpack a file many times over)`
      : `its ZIP directory lists entries that overlap ("${shown(e.name)}" runs into ${other})`;
  }
  for (const e of entries) delete (e as Partial<typeof e>).nameBytes;
  return undefined;
}

const shown = (name: string) => (name.length > 80 ? `${name.slice(0, 80)}…` : name).replace(/[\x00-\x1f\x7f"]/g, '?');

function parseEntries(dir: Buffer, count: number): (ZipEntry & { nameBytes: number })[] | undefined {
  const entries: (ZipEntry & { nameBytes: number })[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + CDH_MIN > dir.length || dir.readUInt32LE(p) !== CDH_SIG) return undefined;
    const compressed = dir.readUInt32LE(p + 20);
    const uncompressed = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    if (p + CDH_MIN + nameLength > dir.length) return undefined;
    entries.push({
      name: dir.toString('utf8', p + CDH_MIN, p + CDH_MIN + nameLength),
      compressedSize: compressed === ZIP64 ? Infinity : compressed,
      uncompressedSize: uncompressed === ZIP64 ? Infinity : uncompressed,
      method: dir.readUInt16LE(p + 10),
      flags: dir.readUInt16LE(p + 8),
      crc32: dir.readUInt32LE(p + 16),
      localHeaderOffset: dir.readUInt32LE(p + 42),
      dataLimit: 0,
      madeBy: dir.readUInt16LE(p + 4),
      externalAttributes: dir.readUInt32LE(p + 38),
      nameBytes: nameLength,
    });
    p += CDH_MIN + nameLength + extraLength + commentLength;
  }
  return p === dir.length ? entries : undefined;
}
