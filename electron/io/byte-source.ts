/**
 * The bytes of an import, from a path or from memory (a dropped file), behind one interface so both go through
 * the same reader. Size caps are checked here, before anything is parsed.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { ImportError } from './import-error';
import { MAX_FILE_BYTES } from './file-limits';

export interface ByteSource {
  /** File name for messages. */
  readonly name: string;
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end). */
  read(offset: number, length: number): Promise<Buffer>;
  /** Bytes `start` (default 0) up to `end` (exclusive, default the size), as a fresh stream each call. */
  stream(start?: number, end?: number): Readable;
}

const CHUNK = 256 * 1024;

function checkSize(size: number, name: string): void {
  if (size === 0) throw new ImportError('EMPTY', `${name} is empty`);
  if (size > MAX_FILE_BYTES) {
    throw new ImportError('TOO_LARGE', `${name} is ${(size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB (split the list into several files)`);
  }
}

export function bufferSource(bytes: Buffer, name: string): ByteSource {
  checkSize(bytes.length, name);
  return {
    name,
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
    stream: (start = 0, end = bytes.length) => Readable.from(chunksOf(bytes.subarray(start, end)), { objectMode: false }),
  };
}

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
}

export async function fileSource(path: string, name: string): Promise<ByteSource> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportError('UNREADABLE', code === 'ENOENT' ? `no such file: ${name}` : `cannot open ${name} (${code ?? String(err)})`);
  }
  if (!stat.isFile()) throw new ImportError('UNREADABLE', `${name} is not a file`);
  checkSize(stat.size, name);
  return {
    name,
    size: stat.size,
    async read(offset, length) {
      let handle: fs.promises.FileHandle | undefined;
      try {
        handle = await fs.promises.open(path, 'r');
        const buf = Buffer.alloc(Math.max(0, Math.min(length, stat.size - offset)));
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      } catch (err) {
        throw new ImportError('UNREADABLE', `cannot read ${name} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      } finally {
        await handle?.close();
      }
    },
    // Capped at the size seen by stat: a file that grows while it is read cannot slip past the limit.
    stream(start = 0, end = stat.size) {
      const last = Math.min(end, stat.size) - 1;
      // createReadStream refuses end < start; an empty range is an empty stream.
      return last < start ? Readable.from([]) : fs.createReadStream(path, { highWaterMark: CHUNK, start, end: last });
    },
  };
}
