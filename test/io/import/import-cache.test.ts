/** The import cache: a memory budget with least-recently-used eviction, and one entry per file read. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../electron/handlers/context';
import { HandlerError } from '../../../electron/handlers/errors';
import { importHandlers } from '../../../electron/handlers/import';
import { createImportCache, type ImportCache } from '../../../electron/handlers/import-cache';
import type { DomainsFile, ImportSource } from '../../../electron/handlers/import-source';
import { tempFiles } from './fixtures';

const files = tempFiles();
const entry = (parsed: string) => ({ fileName: `${parsed}.csv`, source: parsed, parsed });
const size = <S, P>(cache: ImportCache<S, P>): number => {
  let n = 0;
  cache.find(() => (n++, false));
  return n;
};

describe('budget', () => {
  it('evicts the least recently used entries to stay within its budget', () => {
    const cache = createImportCache<string, string>(100);
    const a = cache.put(entry('a'), 40)!;
    const b = cache.put(entry('b'), 40)!;
    expect(cache.get(a)?.parsed).toBe('a');
    const c = cache.put(entry('c'), 40)!;
    expect(cache.get(b)).toBeUndefined();
    expect([cache.get(a)?.parsed, cache.get(c)?.parsed]).toEqual(['a', 'c']);
    cache.put(entry('d'), 100);
    expect(size(cache)).toBe(1);
  });

  it('does not keep an entry bigger than the whole budget, and keeps the others', () => {
    const cache = createImportCache<string, string>(100);
    const a = cache.put(entry('a'), 40)!;
    expect(cache.put(entry('huge'), 101)).toBeUndefined();
    expect(cache.put(entry('unknown'), Number.NaN)).toBeUndefined();
    expect(cache.get(a)?.parsed).toBe('a');
    expect(size(cache)).toBe(1);
  });

  it('replaces an entry put again under its token, counting its size once', () => {
    const cache = createImportCache<string, string>(100);
    const t = cache.put(entry('v1'), 60)!;
    expect(cache.put(entry('v2'), 60, t)).toBe(t);
    const other = cache.put(entry('other'), 40)!;
    expect([cache.get(t)?.parsed, cache.get(other)?.parsed]).toEqual(['v2', 'other']);
    expect(size(cache)).toBe(2);
    // Over the budget, the replacement is not kept, and neither is what the token held.
    expect(cache.put(entry('v3'), 1000, t)).toBeUndefined();
    expect(cache.get(t)).toBeUndefined();
    expect(cache.take(other)?.parsed).toBe('other');
    expect(size(cache)).toBe(0);
  });
});

describe('import:preview', () => {
  function handlers(budget?: number) {
    const imports = createImportCache<ImportSource, DomainsFile>(budget);
    const ctx = { imports, granted: { check: () => true } } as unknown as HandlerContext;
    return { imports, preview: importHandlers(ctx)['import:preview'] };
  }

  it('a file read again keeps its token and its latest parse, whether by token or by path', async () => {
    const { imports, preview } = handlers();
    const csv = files.write('owners.csv', 'domain,owner\na.example,alice.example\nb.example,bob.example\n');
    const first = await preview({ source: { kind: 'path', path: csv } });
    const again = await preview({ source: { kind: 'path', path: csv } });
    expect(again.token).toBe(first.token);
    const byOwner = await preview({ source: { kind: 'token', token: first.token }, column: 'owner' });
    expect(byOwner.token).toBe(first.token);
    expect(imports.get(first.token)?.parsed.domainColumn).toBe('owner');
    expect(size(imports)).toBe(1);

    const book = new ExcelJS.Workbook();
    book.addWorksheet('EU').addRows([['Domain'], ['eu.example']]);
    book.addWorksheet('US').addRows([['Domain'], ['us.example']]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const all = await preview({ source: { kind: 'bytes', name: 'regions.xlsx', bytes } });
    const us = await preview({ source: { kind: 'token', token: all.token }, sheet: 'US' });
    expect(us.token).toBe(all.token);
    expect(imports.get(all.token)?.parsed.rows.map((r) => r.domain)).toEqual(['us.example']);
    expect(size(imports)).toBe(2);
    // Dropping the same bytes again is another file as far as anyone can tell.
    expect((await preview({ source: { kind: 'bytes', name: 'regions.xlsx', bytes } })).token).not.toBe(all.token);
  });

  it('refuses an import too large to hold, counting dropped bytes whole', async () => {
    const { imports, preview } = handlers(256 * 1024);
    const text = `domain,notes\na.example,${'x'.repeat(300 * 1024)}\n`;
    const byPath = await preview({ source: { kind: 'path', path: files.write('notes.csv', text) } });
    expect(imports.get(byPath.token)?.parsed.rows).toHaveLength(1);
    const dropped = preview({ source: { kind: 'bytes', name: 'notes.csv', bytes: new TextEncoder().encode(text) } });
    await expect(dropped).rejects.toThrow(HandlerError);
    await expect(dropped).rejects.toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringMatching(/^notes\.csv is too large to hold for an audit in the app/) });
    const many = files.write('many.csv', `domain\n${Array.from({ length: 5_000 }, (_, i) => `host-${i}.example`).join('\n')}\n`);
    await expect(preview({ source: { kind: 'path', path: many } })).rejects.toMatchObject({ code: 'IMPORT_FAILED' });
    expect(size(imports)).toBe(1);
  });
});
