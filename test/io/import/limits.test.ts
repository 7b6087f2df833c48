/** The hard caps, lowered so tests can reach them. */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readDomainsBuffer, readDomainsFile } from '../../../electron/io/read-domains';
import { errorOf, tempFiles, writeWorkbook } from './fixtures';

vi.mock('../../../electron/io/import/limits', async (original) => ({
  ...(await original<typeof import('../../../electron/io/import/limits')>()),
  MAX_FILE_BYTES: 10_000,
  MAX_ROWS: 50,
  MAX_UNZIPPED_BYTES: 5_000,
}));
vi.mock('../../../electron/io/file-limits', () => ({ MAX_FILE_BYTES: 10_000 }));

const files = tempFiles();
const list = (n: number) => `domain\n${Array.from({ length: n }, (_, i) => `d${i}.example`).join('\n')}\n`;

describe('hard caps', () => {
  it('refuses a file over the size cap before reading it', async () => {
    const e = await errorOf(readDomainsBuffer(Buffer.alloc(10_001, 0x61), 'big.csv'));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toMatch(/limit/);
  });

  it('refuses more rows than the row cap (rejects count too)', async () => {
    expect((await readDomainsFile(files.write('fifty.csv', list(50)))).rows).toHaveLength(50);
    expect((await errorOf(readDomainsFile(files.write('fifty-one.csv', list(51))))).code).toBe('TOO_LARGE');
    expect((await errorOf(readDomainsFile(files.write('blank-gap.csv', `domain\na.example${'\n'.repeat(60)}b.example\n`)))).code).toBe('TOO_LARGE');
  });

  it('refuses a workbook that claims to unpack to more than the cap', async () => {
    const file = await writeWorkbook(path.join(files.dir, 'wide.xlsx'), (wb) => {
      const ws = wb.addWorksheet('S');
      for (let i = 0; i < 40; i++) ws.addRow([`d${i}.example`, 'x'.repeat(100)]);
    });
    expect((await errorOf(readDomainsFile(file))).code).toBe('TOO_LARGE');
  });
});
