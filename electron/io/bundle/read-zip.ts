/**
 * Opens an evidence bundle someone sent: untrusted input. Nothing is ever unpacked to disk; entries are read
 * in memory, one at a time, each held to the size its directory record declares (import/zip-entry-bytes.ts),
 * and the declared sizes are capped per entry and in total before a byte is inflated. Refused with a clear
 * message: a truncated or inconsistent ZIP, overlapping entries (import/zip-directory.ts), names that could
 * point outside a folder it is unpacked into (../, absolute, backslashes, drive letters, control characters),
 * symbolic links and other special files, two entries with the same name (even differing only in case), ZIP64,
 * encryption, and more entries than a bundle has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ByteSource } from '../byte-source';
import { ImportError } from '../import-error';
import { readZipDirectory, type ZipEntry } from '../zip/directory';
import { entryBytes } from '../zip/entry-bytes';

export class BundleError extends Error {
  override readonly name = 'BundleError';
}

export const BUNDLE_LIMITS = {
  /** A ZIP without ZIP64 cannot be larger. */
  fileBytes: 0xffffffff,
  /** A bundle has about fifteen files. */
  entries: 256,
  /** evidence.json of a 100,000-domain run is about 500 MB. */
  entryBytes: 1024 * 1024 * 1024,
  totalBytes: 2 * 1024 * 1024 * 1024,
  /** The files read whole to be understood (manifest, signature, key, signing.json). */
  smallFileBytes: 1024 * 1024,
};

export interface OpenBundle {
  /** The bundle's file name, for messages. */
  name: string;
  /** File entries by name (directory entries are left out). */
  entries: ReadonlyMap<string, ZipEntry>;
  /** The entry's bytes, chunk by chunk, held to its declared size. */
  chunks(name: string): AsyncGenerator<Buffer>;
  /** The whole entry, refused when over `max` bytes. */
  read(name: string, max?: number): Promise<Buffer>;
}

const shown = (name: string) => JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);

/** Why `name` could land outside the folder it is unpacked into, or be two files at once; undefined when safe. */
export function unsafeName(name: string): string | undefined {
  if (name === '') return 'an empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character';
  if (name.includes('\\')) return 'a backslash (a path separator on Windows)';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return 'a ".." step out of its folder';
  if (segments.some((s) => s === '' || s === '.')) return 'an empty or "." path step';
  if (name.length > 255) return 'a name longer than 255 characters';
  return undefined;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const UNIX = 3;

/** A symbolic link or other special file, by the Unix mode a Unix zip tool records (APPNOTE §4.4.2, §4.4.15). */
function specialFile(e: ZipEntry): string | undefined {
  if (((e.madeBy ?? 0) >> 8) !== UNIX) return undefined;
  const type = ((e.externalAttributes ?? 0) >>> 16) & S_IFMT;
  if (type === 0 || type === S_IFREG || type === S_IFDIR) return undefined;
  return type === S_IFLNK ? 'a symbolic link' : 'a special file (device, pipe or socket)';
}

function fileByteSource(file: string, size: number, name: string): ByteSource {
  return {
    name,
    size,
    async read(offset, length) {
      const handle = await fs.promises.open(file, 'r');
      try {
        const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    stream(start = 0, end = size) {
      const last = Math.min(end, size) - 1;
      return last < start ? Readable.from([]) : fs.createReadStream(file, { start, end: last });
    },
  };
}

export async function openBundle(file: string): Promise<OpenBundle> {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (err) {
    throw new BundleError(`cannot open ${name} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (!stat.isFile()) throw new BundleError(`${name} is not a file`);
  if (stat.size === 0) throw new BundleError(`${name} is empty`);
  if (stat.size > BUNDLE_LIMITS.fileBytes) throw new BundleError(`${name} is larger than any bundle can be (${stat.size} bytes)`);
  const source = fileByteSource(file, stat.size, name);
  const dir = await readZipDirectory(source);
  if (!dir.ok) throw new BundleError(`${name} is not a readable bundle: ${dir.problem}`);
  if (dir.entries.length > BUNDLE_LIMITS.entries) throw new BundleError(`${name} holds ${dir.entries.length} entries; a bundle has at most ${BUNDLE_LIMITS.entries}`);
  const entries = new Map<string, ZipEntry>();
  const folded = new Set<string>();
  let total = 0;
  for (const e of dir.entries) {
    const unsafe = unsafeName(e.name);
    if (unsafe) throw new BundleError(`${name} is refused: the entry ${shown(e.name)} has ${unsafe}`);
    const special = specialFile(e);
    if (special) throw new BundleError(`${name} is refused: the entry ${shown(e.name)} is ${special}`);
    const key = e.name.normalize('NFC').toLowerCase();
    if (folded.has(key)) throw new BundleError(`${name} is refused: the name ${shown(e.name)} appears twice (two entries that would unpack to one file)`);
    folded.add(key);
    if (!Number.isFinite(e.uncompressedSize) || !Number.isFinite(e.compressedSize)) throw new BundleError(`${name} is refused: the entry ${shown(e.name)} uses ZIP64 sizes, which no bundle needs`);
    if (e.uncompressedSize > BUNDLE_LIMITS.entryBytes) throw new BundleError(`${name} is refused: the entry ${shown(e.name)} unpacks to ${e.uncompressedSize} bytes; the limit is ${BUNDLE_LIMITS.entryBytes}`);
    total += e.uncompressedSize;
    if (total > BUNDLE_LIMITS.totalBytes) throw new BundleError(`${name} is refused: its entries unpack to more than ${BUNDLE_LIMITS.totalBytes} bytes together`);
    if (e.name.endsWith('/')) {
      if (e.uncompressedSize !== 0) throw new BundleError(`${name} is refused: the folder entry ${shown(e.name)} holds data`);
      continue;
    }
    entries.set(e.name, e);
  }
  async function* chunks(entryName: string): AsyncGenerator<Buffer> {
    const entry = entries.get(entryName);
    if (!entry) throw new BundleError(`${name} has no ${entryName}`);
    try {
      yield* entryBytes(source, entry, 'bundle');
    } catch (err) {
      if (err instanceof ImportError) throw new BundleError(err.message);
      throw err;
    }
  }
  return {
    name,
    entries,
    chunks,
    async read(entryName, max = BUNDLE_LIMITS.smallFileBytes) {
      const entry = entries.get(entryName);
      if (entry && entry.uncompressedSize > max) throw new BundleError(`${name}: ${entryName} is ${entry.uncompressedSize} bytes; at most ${max} are expected`);
      const parts: Buffer[] = [];
      for await (const c of chunks(entryName)) parts.push(c);
      return Buffer.concat(parts);
    },
  };
}
