/** 100,000 rows, as the issue asks; speed is measured by measure-import.ts, not asserted here. */
import { describe, expect, it } from 'vitest';
import { readDomainsFile } from '../../../electron/io/read-domains';
import { tempFiles } from './fixtures';

const files = tempFiles();

describe('a 100,000-row estate', () => {
  it('imports every row, with exact counts of rejects', async () => {
    const lines = ['Client;Domain;Business unit;Owner'];
    for (let i = 0; i < 100_000; i++) {
      // every 1000th row is not a domain, every 250th repeats the row before it; rows 2–100,001
      const domain = i % 1000 === 999 ? `not a domain ${i}` : i % 250 === 249 ? `host-${i - 1}.example.com` : `host-${i}.example.com`;
      lines.push(`Client ${i % 50};${domain};BU ${i % 7};owner${i}@corp.example`);
    }
    const r = await readDomainsFile(files.write('estate-100k.csv', `${lines.join('\r\n')}\r\n`));
    const bad = 100;
    const dups = 400 - 100; // multiples of 250 that are not also multiples of 1000
    expect(r.delimiter).toBe(';');
    expect(r.domainColumn).toBe('Domain');
    expect(r.rejects.filter((x) => x.reason === 'contains spaces or URL characters')).toHaveLength(bad);
    expect(r.rejects.filter((x) => x.reason.startsWith('duplicate of row'))).toHaveLength(dups);
    expect(r.rejects).toHaveLength(bad + dups);
    expect(r.rows).toHaveLength(100_000 - bad - dups);
    expect(r.rows[0]).toEqual({ row: 2, input: 'host-0.example.com', domain: 'host-0.example.com', tags: { Client: 'Client 0', 'Business unit': 'BU 0', Owner: 'owner0@corp.example' } });
    expect(r.rows.at(-1)!.row).toBe(100_000);
    expect(r.rejects.at(-1)).toEqual({ row: 100_001, value: 'not a domain 99999', reason: 'contains spaces or URL characters' });
    expect(r.rejects.find((x) => x.row === 251)).toEqual({ row: 251, value: 'host-248.example.com', reason: 'duplicate of row 250' });
  });
});
