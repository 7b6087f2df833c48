/**
 * Writes a ZIP whose entries are stored (not compressed), from bytes already unpacked and checked. exceljs is
 * given this instead of the client's file, so what it reads is exactly what was checked: the entries listed in
 * the central directory and nothing else (its stream reader walks local headers, where a crafted file can hide
 * entries the directory never lists), each no bigger than its checked size, with nothing left to inflate.
 */
import { CDH_SIG, EOCD_SIG, LFH_SIG, type ZipEntry } from './directory';

export interface StoredPart {
  entry: ZipEntry;
  /** Exactly `entry.uncompressedSize` bytes (the producer throws otherwise, which ends the ZIP). */
  data: Iterable<Buffer> | AsyncIterable<Buffer>;
}

const UTF8_NAMES = 0x0800;
const VERSION = 20;
/** 1980-01-01, the DOS epoch: the original dates are of no use to the reader. */
const DOS_DATE = 0x21;

export async function* storedZip(parts: Iterable<StoredPart>): AsyncGenerator<Buffer> {
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { entry, data } of parts) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = header(30, name, entry);
    local.writeUInt32LE(LFH_SIG, 0);
    local.writeUInt16LE(VERSION, 4);
    fields(local, 6, entry, name.length);
    yield local;
    for await (const chunk of data) yield chunk;
    const central = header(46, name, entry);
    central.writeUInt32LE(CDH_SIG, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    fields(central, 8, entry, name.length);
    central.writeUInt32LE(offset, 42);
    directory.push(central);
    offset += local.length + entry.uncompressedSize;
  }
  const dirSize = directory.reduce((sum, b) => sum + b.length, 0);
  yield* directory;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIG, 0);
  end.writeUInt16LE(directory.length, 8);
  end.writeUInt16LE(directory.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  yield end;
}

/** A zeroed record of `size` bytes with the name at its end. */
function header(size: number, name: Buffer, entry: ZipEntry): Buffer {
  if (!Number.isFinite(entry.uncompressedSize)) throw new Error(`${entry.name}: no size to store`);
  const b = Buffer.alloc(size + name.length);
  name.copy(b, size);
  return b;
}

/** Flags … extra-field length: the run of fields local and central headers share (§4.3.7, §4.3.12). */
function fields(b: Buffer, at: number, entry: ZipEntry, nameLength: number): void {
  b.writeUInt16LE(UTF8_NAMES, at);
  b.writeUInt16LE(0, at + 2); // stored
  b.writeUInt16LE(0, at + 4); // time
  b.writeUInt16LE(DOS_DATE, at + 6);
  // The declared CRC is passed on unchecked; neither of exceljs's unzippers checks it.
  b.writeUInt32LE(entry.crc32, at + 8);
  b.writeUInt32LE(entry.uncompressedSize, at + 12);
  b.writeUInt32LE(entry.uncompressedSize, at + 16);
  b.writeUInt16LE(nameLength, at + 20);
  b.writeUInt16LE(0, at + 22);
}
