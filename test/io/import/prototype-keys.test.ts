/**
 * Header, cell and sheet texts that are also Object.prototype's property names are ordinary names: tags are
 * own properties, rows without them have none, and nothing in the process gains a property.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tagValue } from '../../../shared/tags';
import type { HandlerContext } from '../../../electron/handlers/context';
import { importHandlers } from '../../../electron/handlers/import';
import { createImportCache } from '../../../electron/handlers/import-cache';
import { readDomainsBuffer } from '../../../electron/io/read-domains';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const unpolluted = () => {
  const probe = {} as Record<string, unknown>;
  expect([probe.polluted, probe[1], probe.sheet, Object.prototype.toString.call([])]).toEqual([undefined, undefined, undefined, '[object Array]']);
};

describe('prototype property names in a file', () => {
  it('CSV: are tags of their own, absent where the row has no value', async () => {
    const csv = `Domain,${NAMES.join(',')}\na.example,{"polluted":1},c,t,h\nb.example,,,,\n`;
    const r = await readDomainsBuffer(Buffer.from(csv), 'proto.csv');
    expect(r.columns).toEqual(['Domain', ...NAMES]);
    const [a, b] = r.rows.map((x) => x.tags);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.keys(a!)).toEqual(NAMES);
    expect(NAMES.map((n) => tagValue(a!, n))).toEqual(['{"polluted":1}', 'c', 't', 'h']);
    expect(Object.keys(b!)).toEqual([]);
    expect(NAMES.map((n) => tagValue(b!, n))).toEqual([undefined, undefined, undefined, undefined]);
    unpolluted();
  });

  it('XLSX: sheets and columns named so, read whole and through the preview', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('__proto__').addRows([['Domain', 'constructor'], ['a.example', 'x']]);
    book.addWorksheet('constructor').addRows([['Domain', '__proto__'], ['b.example', 'y']]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const ctx = { imports: createImportCache(), granted: { check: () => true } } as unknown as HandlerContext;
    const preview = await importHandlers(ctx)['import:preview']({ source: { kind: 'bytes', name: 'proto.xlsx', bytes } });
    expect(preview.rows.map((r) => [r.sheet, r.domain, Object.entries(r.tags)])).toEqual([
      ['__proto__', 'a.example', [['constructor', 'x'], ['sheet', '__proto__']]],
      ['constructor', 'b.example', [['__proto__', 'y'], ['sheet', 'constructor']]],
    ]);
    expect(preview.tagNames).toEqual(['constructor', '__proto__']);
    unpolluted();
  });
});
