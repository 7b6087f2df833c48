/**
 * One ZIP entry's unpacked bytes, chunk by chunk, held to the size its directory record declares. The declared
 * size is what every cap was checked against, and a ZIP bomb lies about it: inflating stops the moment the
 * output passes it, so no more than the declared size is ever produced, whatever the compressed data holds.
 */
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { ByteSource } from '../byte-source';
import { ImportError } from '../import-error';
import type { ZipEntry } from './directory';

const LFH_SIG = 0x04034b50;
const LFH_SIZE = 30;

/** Throws TOO_LARGE when the entry unpacks to more than it declares, UNREADABLE when it cannot be unpacked. */
export async function* entryBytes(source: ByteSource, entry: ZipEntry, kind = 'Excel workbook'): AsyncGenerator<Buffer> {
  const damaged = (why: string) => new ImportError('UNREADABLE', `${source.name} is a damaged ${kind} (${entry.name} ${why})`);
  if (!Number.isFinite(entry.compressedSize) || !Number.isFinite(entry.uncompressedSize)) throw damaged('is too large');
  if (entry.flags & 1) throw damaged('is encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw damaged('uses an unsupported compression method');
  const header = await source.read(entry.localHeaderOffset, LFH_SIZE);
  if (header.length < LFH_SIZE || header.readUInt32LE(0) !== LFH_SIG) throw damaged('is missing');
  const start = entry.localHeaderOffset + LFH_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end > source.size) throw damaged('is cut off');
  // The directory gave this entry the bytes up to the next one (directory.ts); a local header with a longer
  // name or extra field than the directory's would otherwise reach into them.
  if (end > entry.dataLimit) throw damaged('overlaps the entry after it');
  if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) throw damaged('does not have the size it declares');
  let produced = 0;
  for await (const chunk of unpacked(source, entry.method, start, end, damaged)) {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) {
      throw new ImportError('TOO_LARGE', `${source.name} is too large or damaged: ${entry.name} unpacks to more than the ${entry.uncompressedSize} bytes it declares`);
    }
    yield chunk;
  }
  if (produced !== entry.uncompressedSize) throw damaged('unpacks to less than it declares');
}

async function* unpacked(source: ByteSource, method: number, start: number, end: number, damaged: (why: string) => ImportError): AsyncGenerator<Buffer> {
  if (end === start) return;
  const input = source.stream(start, end);
  const output = method === 0 ? input : inflated(input);
  try {
    // Pulled one chunk at a time: zlib produces output only as fast as it is taken, so stopping early stops it.
    for await (const chunk of output as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw damaged('cannot be unpacked');
  } finally {
    input.destroy();
    output.destroy();
  }
}

function inflated(input: Readable): Readable {
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  input.on('error', (err) => inflate.destroy(err));
  return input.pipe(inflate);
}
