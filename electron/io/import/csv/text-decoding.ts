/**
 * Text encodings of CSV files as clients send them: UTF-8 (with or without BOM), UTF-16 LE/BE (Excel's
 * "Unicode text", with or without BOM) and Windows-1252 (older Excel "CSV" on Windows). Windows-1252 has no
 * marker, so it is what a file is when it is not valid UTF-8.
 */
import { ImportError } from '../../import-error';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SniffedEncoding {
  /** 'utf-8' is provisional: decoding throws NotUtf8Error if the bytes turn out not to be UTF-8. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

/** Thrown while decoding provisional UTF-8 that is not UTF-8; the caller starts again as Windows-1252. */
export class NotUtf8Error extends Error {
  override readonly name = 'NotUtf8Error';
}

const UTF16_SAMPLE = 4096;

export function sniffEncoding(head: Buffer): SniffedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: utf16WithoutBom(head) ?? 'utf-8', bom: 0 };
}

/**
 * Mostly-ASCII text in UTF-16 has a zero in every other byte: odd positions for LE, even for BE. Domain lists
 * are mostly ASCII, so a strong one-sided pattern is decisive; anything else is left to the UTF-8 check.
 */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, UTF16_SAMPLE) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros / pairs >= 0.3 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs >= 0.3 && oddZeros / pairs < 0.05) return 'utf-16be';
  return undefined;
}

/** Decodes a byte stream chunk by chunk (multi-byte sequences may straddle chunks). */
export async function* decodeText(chunks: AsyncIterable<Buffer>, encoding: TextEncoding, bom: number): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true });
  let skip = bom;
  const decode = (bytes?: Buffer): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8Error('not UTF-8');
    }
  };
  for await (const chunk of chunks) {
    const bytes = skip > 0 ? chunk.subarray(Math.min(skip, chunk.length)) : chunk;
    skip = Math.max(0, skip - chunk.length);
    const text = decode(bytes);
    if (text) yield text;
  }
  const rest = decode();
  if (rest) yield rest;
}

const CONTROL = /[\0-\x08\x0e-\x1f\x7f\x80-\x9f]/g;

/**
 * Binary data decodes "successfully" as Windows-1252, so text is judged by its characters: real CSV has no NUL
 * and almost no other control characters (a stray DOS end-of-file ^Z is fine).
 */
export function assertLooksLikeText(sample: string, name: string): void {
  if (sample.includes('\0')) throw new ImportError('NOT_A_TABLE', `${name} contains binary data; it is not a CSV or XLSX file`);
  const controls = sample.match(CONTROL)?.length ?? 0;
  if (controls > 8 && controls / sample.length > 0.01) {
    throw new ImportError('NOT_A_TABLE', `${name} contains binary data; it is not a CSV or XLSX file`);
  }
}
