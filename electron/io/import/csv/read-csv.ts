/**
 * CSV → rows, streamed: bytes are decoded chunk by chunk and tokenised as they arrive, so memory holds one
 * chunk plus the rows kept, whatever the file size.
 */
import type { ByteSource } from '../../byte-source';
import { CsvTokenizer, type CsvRecord } from './tokenizer';
import { sepLine, sniffDelimiter } from './dialect';
import type { RawRow } from '../rows/raw-row';
import { assertLooksLikeText, decodeText, NotUtf8Error, sniffEncoding, type TextEncoding } from './text-decoding';

export interface CsvTable {
  encoding: TextEncoding;
  delimiter: string;
  rows: AsyncIterable<RawRow>;
}

/** Decoded text looked at before the rows stream: the delimiter and the binary check are decided on it. */
const SNIFF_CHARS = 64 * 1024;

/**
 * Runs `consume` over the file's rows. When provisional UTF-8 turns out to be Windows-1252 (possibly deep in
 * the file), `consume` runs again from the start with the right decoding, so it must not keep state across calls.
 */
export async function withCsvTable<T>(source: ByteSource, head: Buffer, consume: (table: CsvTable) => Promise<T>): Promise<T> {
  const sniffed = sniffEncoding(head);
  try {
    return await attempt(source, sniffed.encoding, sniffed.bom, consume);
  } catch (err) {
    // A UTF-8 BOM on a file that is not UTF-8 after all is still not text.
    if (err instanceof NotUtf8Error) return attempt(source, 'windows-1252', sniffed.bom, consume);
    throw err;
  }
}

async function attempt<T>(source: ByteSource, encoding: TextEncoding, bom: number, consume: (table: CsvTable) => Promise<T>): Promise<T> {
  const stream = source.stream();
  try {
    const texts = decodeText(stream, encoding, bom)[Symbol.asyncIterator]();
    let sample = '';
    let complete = false;
    while (sample.length < SNIFF_CHARS) {
      const next = await texts.next();
      if (next.done) {
        complete = true;
        break;
      }
      sample += next.value;
    }
    assertLooksLikeText(sample.slice(0, SNIFF_CHARS), source.name);
    const sep = sepLine(sample);
    if (sep) sample = sample.slice(sep.length);
    const delimiter = sep?.delimiter ?? sniffDelimiter(sample.slice(0, SNIFF_CHARS), complete);
    return await consume({ encoding, delimiter, rows: rowsOf(sample, complete, texts, delimiter) });
  } finally {
    stream.destroy();
  }
}

async function* rowsOf(first: string, complete: boolean, texts: AsyncIterator<string>, delimiter: string): AsyncGenerator<RawRow> {
  const tokenizer = new CsvTokenizer(delimiter);
  let row = 0;
  function* numbered(records: CsvRecord[]): Generator<RawRow> {
    for (const r of records) {
      row++;
      yield 'fields' in r ? { row, cells: r.fields } : { row, cells: [], broken: { text: r.broken, reason: r.reason } };
    }
  }
  yield* numbered(tokenizer.push(first));
  while (!complete) {
    const next = await texts.next();
    if (next.done) break;
    yield* numbered(tokenizer.push(next.value));
  }
  yield* numbered(tokenizer.end());
}
