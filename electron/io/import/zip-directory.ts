/**
 * Lists a ZIP's entries from its central directory (APPNOTE.TXT §4.3.12–§4.3.16) without inflating anything, so
 * an XLSX can be checked for what it is and how big it claims to unpack before exceljs touches it; and inflates
 * one entry, bounded by its declared size, when a part must be looked at first.
 */
import { inflateRawSync } from 'node:zlib';
import type { ByteSource } from './byte-source';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** As declared; 0xFFFFFFFF (ZIP64) is reported as Infinity. */
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const ZIP64 = 0xffffffff;

/** Undefined when the bytes are not a readable ZIP (no end-of-central-directory record, or a truncated directory). */
export async function readZipDirectory(source: ByteSource): Promise<ZipEntry[] | undefined> {
  const tailLength = Math.min(source.size, EOCD_MIN + MAX_COMMENT);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === ZIP64 || dirOffset + dirSize > source.size) return undefined;
  const dir = await source.read(dirOffset, dirSize);
  return parseEntries(dir, count);
}

function parseEntries(dir: Buffer, count: number): ZipEntry[] | undefined {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CDH_SIG) return undefined;
    const compressed = dir.readUInt32LE(p + 20);
    const uncompressed = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    if (p + 46 + nameLength > dir.length) return undefined;
    entries.push({
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      compressedSize: compressed === ZIP64 ? Infinity : compressed,
      uncompressedSize: uncompressed === ZIP64 ? Infinity : uncompressed,
      method: dir.readUInt16LE(p + 10),
      localHeaderOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's bytes, or why they cannot be had. */
export async function readZipEntry(source: ByteSource, entry: ZipEntry): Promise<Buffer | { problem: string }> {
  if (!Number.isFinite(entry.compressedSize) || !Number.isFinite(entry.uncompressedSize)) return { problem: `${entry.name} is too large` };
  const header = await source.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LFH_SIG) return { problem: `${entry.name} is missing` };
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = await source.read(start, entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) return { problem: `${entry.name} uses an unsupported compression method` };
  try {
    // maxOutputLength: a header that lies about the size cannot make this inflate more than it declared.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: code === 'ERR_BUFFER_TOO_LARGE' ? `${entry.name} unpacks to more than it declares` : `${entry.name} cannot be unpacked` };
  }
}
