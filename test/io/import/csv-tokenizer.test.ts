import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRecord } from '../../../electron/io/import/csv/tokenizer';
import { sepLine, sniffDelimiter } from '../../../electron/io/import/csv/dialect';

function tokenize(text: string, chunks: number[] = [text.length], delimiter = ','): CsvRecord[] {
  const t = new CsvTokenizer(delimiter);
  const out: CsvRecord[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = chunks[i % chunks.length]!;
    out.push(...t.push(text.slice(at, at + size)));
    at += size;
  }
  out.push(...t.end());
  return out;
}

const TRICKY = 'a,"b,c","d""e"\r\n"multi\r\nline",x\n\n"",,\r"open,never\nnext,row\nlast,"q"tail,end';

describe('CSV tokenizer', () => {
  it('splits fields, quotes, line endings and broken quoting', () => {
    expect(tokenize(TRICKY)).toEqual([
      { fields: ['a', 'b,c', 'd"e'] },
      { fields: ['multi\r\nline', 'x'] },
      { fields: [''] },
      { fields: ['', '', ''] },
      { broken: '"open,never', reason: expect.stringMatching(/^unbalanced quote/) },
      { fields: ['next', 'row'] },
      { fields: ['last', 'qtail', 'end'] },
    ]);
  });

  it.each([[[1]], [[2]], [[3, 1, 7]], [[5, 11]]])('gives the same records whatever the chunking (%j)', (chunks) => {
    expect(tokenize(TRICKY, chunks)).toEqual(tokenize(TRICKY));
  });

  it('gives up on a quote that stays open for more than one cell of text, without waiting for the end', () => {
    const t = new CsvTokenizer(',');
    const out = t.push(`a,"never closed\n${'x,y\n'.repeat(10_000)}`);
    expect(out[0]).toMatchObject({ broken: 'a,"never closed' });
    expect(out.length).toBeGreaterThan(8_000);
    expect(out[1]).toEqual({ fields: ['x', 'y'] });
  });

  it('reports an over-long line and resumes after it', () => {
    const t = new CsvTokenizer(',');
    const out = [...t.push(`ok\n${'z'.repeat(1_100_000)}`), ...t.push('\nafter\n'), ...t.end()];
    expect(out.map((r) => ('fields' in r ? r.fields[0] : r.reason))).toEqual(['ok', expect.stringMatching(/^a row longer than/), 'after']);
  });
});

describe('delimiter sniffing', () => {
  it('prefers the delimiter with the most consistent split, quotes honoured', () => {
    expect(sniffDelimiter('a;b;c\n"x;y",2,3\n1;2;3\n4;5;6\n', true)).toBe(';');
    expect(sniffDelimiter('"Acme; Inc",acme.example\n"Beta; Ltd",beta.example\n', true)).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n', true)).toBe('\t');
    expect(sniffDelimiter('just.one.column\nexample.com\n', true)).toBe(',');
  });

  it('reads an Excel sep= line', () => {
    expect(sepLine('sep=;\r\na;b')).toEqual({ delimiter: ';', length: 7 });
    expect(sepLine('separator\n')).toBeUndefined();
  });
});
