import { describe, expect, it } from 'vitest';
import { importText, rejected, tempFiles } from './fixtures';

const files = tempFiles();

describe('rows that are not used', () => {
  it('reports each with its row number and reason; blank rows only inside the data', async () => {
    const csv = [
      'Estate export', //                      1  title: above the header, not data
      '', //                                   2  blank before the header
      'Domain,Client,Owner', //                3  header
      '', //                                   4  blank before the first data row: not reported
      'example.com,Acme,alice', //             5
      ',Beta,bob', //                          6  empty domain cell
      '', //                                   7  blank inside the data
      ' , , ', //                              8  blank (whitespace only) inside the data
      'not a domain,Gamma,carol', //           9
      'EXAMPLE.com.,Acme dup,dave', //         10 duplicate of 5
      'https://example.com/x,Acme url,erin', // 11 duplicate of 5
      'jane@example.org,Delta,frank', //       12
      'example.org,Delta dup,gina', //         13 duplicate of 12
      '192.0.2.7,Ip,hal', //                   14
      'http://,Nohost,ivy', //                 15
      '', '', '', //                            16–18 trailing blank lines: not data
    ].join('\n');
    const r = await importText(files, 'rejects.csv', csv);
    expect(r.headerRow).toBe(3);
    expect(r.rows.map((x) => [x.row, x.domain])).toEqual([[5, 'example.com'], [12, 'example.org']]);
    expect(rejected(r)).toEqual([
      [6, 'empty'],
      [7, 'empty'],
      [8, 'empty'],
      [9, 'contains spaces or URL characters'],
      [10, 'duplicate of row 5'],
      [11, 'duplicate of row 5'],
      [13, 'duplicate of row 12'],
      [14, 'an IP address, not a domain name'],
      [15, 'a URL with no host name'],
    ]);
    expect(r.rejects.find((x) => x.row === 10)!.value).toBe('EXAMPLE.com.');
  });

  it('counts every row of content exactly once', async () => {
    const lines = ['domain'];
    for (let i = 0; i < 500; i++) lines.push(i % 10 === 0 ? `bad domain ${i}` : i % 7 === 0 ? 'dup.example' : `d${i}.example`);
    const r = await importText(files, 'count.csv', `${lines.join('\n')}\n`);
    expect(r.rows.length + r.rejects.length).toBe(500);
  });

  it('reports the rows of the e2e estate fixture the app test relies on', async () => {
    const r = await importText(files, 'estate.csv', 'Domain,Owner,Region\na.example,team-0,US\nb.example,team-1,EU\nnot a domain!,team-x,EU\nhttp://,team-y,US\n');
    expect(r.domainColumn).toBe('Domain');
    expect(r.rows).toHaveLength(2);
    expect(rejected(r)).toEqual([[4, 'contains spaces or URL characters'], [5, 'a URL with no host name']]);
  });
});

describe('tags', () => {
  it('keeps the other columns as trimmed text, leaves out empty cells', async () => {
    const r = await importText(files, 'tags.csv', 'Client,Domain,Business unit,Owner,Notes\n  Acme  ,acme.example, Retail ,,"two\nlines"\n');
    expect(r.rows[0]!.tags).toEqual({ Client: 'Acme', 'Business unit': 'Retail', Notes: 'two\nlines' });
  });

  it('bounds long values and strips control and invisible characters', async () => {
    const long = 'x'.repeat(5000);
    const r = await importText(files, 'tags-long.csv', `Domain,Notes,Other\nacme.example,${long},a\u0007b\u200bc\n`);
    expect(r.rows[0]!.tags.Notes).toHaveLength(1000);
    expect(r.rows[0]!.tags.Notes!.endsWith('…')).toBe(true);
    expect(r.rows[0]!.tags.Other).toBe('a bc');
  });

  it('treats header names as plain keys, even "__proto__"', async () => {
    const r = await importText(files, 'tags-proto.csv', 'Domain,__proto__,constructor\nacme.example,x,y\n');
    expect(Object.keys(r.rows[0]!.tags)).toEqual(['__proto__', 'constructor']);
    expect(r.rows[0]!.tags.constructor).toBe('y');
    expect(Object.getPrototypeOf(r.rows[0]!.tags)).toBe(Object.prototype);
  });
});
