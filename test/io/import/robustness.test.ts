/** Bad input never crashes: mutated files end as a result or an ImportError, never another exception or a hang. */
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, readDomainsBuffer } from '../../../electron/io/read-domains';
import { tempFiles, writeWorkbook } from './fixtures';

const files = tempFiles();

/** Seeded PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x00, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x40, 0x3d, 0x09, 0x7c];

function mutate(bytes: Buffer, random: () => number): Buffer {
  const out = Buffer.from(bytes);
  const edits = 1 + Math.floor(random() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * out.length);
    out[at] = random() < 0.5 ? NASTY[Math.floor(random() * NASTY.length)]! : Math.floor(random() * 256);
  }
  return random() < 0.2 ? out.subarray(0, Math.floor(random() * out.length)) : out;
}

async function outcome(bytes: Buffer, name: string): Promise<string> {
  try {
    const r = await readDomainsBuffer(bytes, name);
    expect(r.rows.length + r.rejects.length).toBeGreaterThanOrEqual(0);
    return 'read';
  } catch (err) {
    if (err instanceof ImportError) return err.code;
    throw err;
  }
}

describe('mutated input', () => {
  it('CSV: 400 mutations of a quoted, multi-column file', async () => {
    const csv = Buffer.from('Title\n\nClient;"Domain";Owner\n"Acme; Inc";acme.example;"a ""b"""\nBeta;"https://beta.example/x";\n"multi\nline";jane@gamma.example;x\n');
    const random = prng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) seen.add(await outcome(mutate(csv, random), `m${i}.csv`));
    expect(seen.has('read')).toBe(true);
  });

  it('XLSX: 80 mutations of a small workbook', async () => {
    const file = await writeWorkbook(path.join(files.dir, 'fuzz.xlsx'), (wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Domain', 'Owner']);
      for (let i = 0; i < 30; i++) ws.addRow([`d${i}.example`, { richText: [{ text: `owner ${i}` }] }]);
    });
    const bytes = fs.readFileSync(file);
    const random = prng(2);
    const seen = new Set<string>();
    for (let i = 0; i < 80; i++) seen.add(await outcome(mutate(bytes, random), `m${i}.xlsx`));
    expect([...seen].every((s) => ['read', 'UNREADABLE', 'NOT_A_TABLE', 'EMPTY', 'NO_DOMAIN_COLUMN', 'TOO_LARGE'].includes(s))).toBe(true);
  });
});
