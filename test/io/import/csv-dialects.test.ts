import { describe, expect, it } from 'vitest';
import { domains, importText, rejected, tempFiles } from './fixtures';

const files = tempFiles();

describe('CSV dialects', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('sniffs the %j delimiter (%s)', async (d, label) => {
    const text = [`Domain${d}Client${d}Owner`, `example.com${d}Acme Inc${d}alice`, `example.org${d}"Beta${d} Ltd"${d}bob`].join('\n');
    const r = await importText(files, `${label}.csv`, `${text}\n`);
    expect(r.delimiter).toBe(d);
    expect(r.columns).toEqual(['Domain', 'Client', 'Owner']);
    expect(domains(r)).toEqual(['example.com', 'example.org']);
    expect(r.rows.map((x) => x.tags)).toEqual([{ Client: 'Acme Inc', Owner: 'alice' }, { Client: `Beta${d} Ltd`, Owner: 'bob' }]);
  });

  it('reads quoted fields with embedded delimiters, doubled quotes and newlines; a multi-line record is one row', async () => {
    const text = 'Domain,Client,Notes\n'
      + 'example.com,"Acme, Inc","said ""hi"""\n'
      + 'example.org,"Beta","line one\nline two\r\nline three"\n'
      + '"example.net","Gamma ""G""",plain\n'
      + 'bad domain,x,y\n';
    const r = await importText(files, 'quoted.csv', text);
    expect(r.rows.map((x) => [x.row, x.domain, x.tags])).toEqual([
      [2, 'example.com', { Client: 'Acme, Inc', Notes: 'said "hi"' }],
      [3, 'example.org', { Client: 'Beta', Notes: 'line one\nline two\nline three' }],
      [4, 'example.net', { Client: 'Gamma "G"', Notes: 'plain' }],
    ]);
    expect(rejected(r)).toEqual([[5, 'contains spaces or URL characters']]);
  });

  it('picks the delimiter that splits rows consistently even when another one appears inside fields', async () => {
    const r = await importText(files, 'semi.csv', 'Client;Domain\nAcme, Inc;acme.example\nBeta, Ltd;beta.example\nGamma;gamma.example\n');
    expect(r.delimiter).toBe(';');
    expect(r.domainColumn).toBe('Domain');
  });

  it('accepts CRLF and bare CR line endings', async () => {
    expect(domains(await importText(files, 'crlf.csv', 'domain\r\na.example\r\nb.example\r\n'))).toEqual(['a.example', 'b.example']);
    const cr = await importText(files, 'cr.csv', 'domain\ra.example\rb.example\r');
    expect(cr.rows.map((x) => [x.row, x.domain])).toEqual([[2, 'a.example'], [3, 'b.example']]);
  });

  it("honours Excel's sep= line and does not count it as a row", async () => {
    const r = await importText(files, 'sep.csv', 'sep=|\nDomain|Client\nexample.com|Acme\n');
    expect(r.delimiter).toBe('|');
    expect(r.headerRow).toBe(1);
    expect(r.rows.map((x) => [x.row, x.domain])).toEqual([[2, 'example.com']]);
  });

  it('keeps cells starting with = + - @ as plain text', async () => {
    const r = await importText(files, 'formulas.csv', 'Domain,Note,Phone,Delta\nexample.com,=HYPERLINK("http://evil.example"),+1 555 0100,-5\n@example.org,@SUM(A1),,\n');
    expect(r.rows.map((x) => [x.domain, x.tags])).toEqual([
      ['example.com', { Note: '=HYPERLINK("http://evil.example")', Phone: '+1 555 0100', Delta: '-5' }],
      ['example.org', { Note: '@SUM(A1)' }],
    ]);
  });
});

describe('malformed CSV', () => {
  it('reports a line with an unbalanced quote and reads the rows after it', async () => {
    const text = 'Domain,Client\na.example,Acme\n"b.example,Beta\nc.example,Gamma\nd.example,"Delta\ne.example,Epsilon\n';
    const r = await importText(files, 'unbalanced.csv', text);
    expect(domains(r)).toEqual(['a.example', 'c.example', 'e.example']);
    expect(r.rejects.map((x) => [x.row, x.value])).toEqual([[3, '"b.example,Beta'], [5, 'd.example,"Delta']]);
    expect(r.rejects[0]!.reason).toMatch(/^unbalanced quote/);
  });

  it('reports a quote that is still open at the end of the file', async () => {
    const r = await importText(files, 'open-at-end.csv', 'domain\na.example\n"b.example\n');
    expect(domains(r)).toEqual(['a.example']);
    expect(r.rejects.map((x) => x.row)).toEqual([3]);
  });

  it('keeps quotes inside unquoted fields and text after a closing quote, as Excel does', async () => {
    const r = await importText(files, 'lenient.csv', 'Domain,Client\nexample.com,Acme "Best" Inc\nexample.org,"Beta" Ltd\n');
    expect(r.rows.map((x) => x.tags.Client)).toEqual(['Acme "Best" Inc', 'Beta Ltd']);
  });

  it('reads a file whose last line has no line break, and a ragged file', async () => {
    const r = await importText(files, 'ragged.csv', 'Domain,Client\na.example\nb.example,Beta,extra,more\nc.example,Gamma');
    expect(domains(r)).toEqual(['a.example', 'b.example', 'c.example']);
    expect(r.rows[1]!.tags).toEqual({ Client: 'Beta', 'column 3': 'extra', 'column 4': 'more' });
    expect(r.columns).toEqual(['Domain', 'Client', 'column 3', 'column 4']);
  });
});

describe('CSV encodings', () => {
  const table = 'Domain;Client\nmüller.de;Société Générale\nexample.com;Zürich AG\n';
  const expectTable = (r: Awaited<ReturnType<typeof importText>>) => {
    expect(r.columns).toEqual(['Domain', 'Client']);
    expect(r.rows.map((x) => [x.domain, x.tags.Client])).toEqual([
      ['xn--mller-kva.de', 'Société Générale'],
      ['example.com', 'Zürich AG'],
    ]);
  };

  it('UTF-8 with a BOM (the BOM is not part of the first header)', async () => {
    const r = await importText(files, 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(table)]));
    expect(r.encoding).toBe('utf-8');
    expectTable(r);
  });

  it('UTF-8 without a BOM', async () => {
    const r = await importText(files, 'utf8.csv', table);
    expect(r.encoding).toBe('utf-8');
    expectTable(r);
  });

  it.each([
    ['utf-16le', true],
    ['utf-16le', false],
    ['utf-16be', true],
    ['utf-16be', false],
  ] as const)('%s (BOM: %s)', async (encoding, bom) => {
    let bytes = Buffer.from(`${bom ? '\ufeff' : ''}${table}`, 'utf16le');
    if (encoding === 'utf-16be') bytes = Buffer.from(bytes).swap16();
    const r = await importText(files, `${encoding}-${bom}.csv`, bytes);
    expect(r.encoding).toBe(encoding);
    expectTable(r);
  });

  it('Windows-1252 (not valid UTF-8), decoded to the same text', async () => {
    const r = await importText(files, 'cp1252.csv', Buffer.from(table, 'latin1'));
    expect(r.encoding).toBe('windows-1252');
    expectTable(r);
  });

  it('Windows-1252 behind a UTF-8 BOM (a file re-saved by a confused editor): the BOM is still dropped', async () => {
    const r = await importText(files, 'bom-cp1252.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(table, 'latin1')]));
    expect(r.encoding).toBe('windows-1252');
    expectTable(r);
  });

  it('Windows-1252 whose first non-ASCII byte is far into the file (€ is 0x80 there)', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `host${i}.example;Client ${i}`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`Domain;Client\n${ascii}\n`), Buffer.from('late.example;Soci\xe9t\xe9 5\x80\n', 'latin1')]);
    const r = await importText(files, 'cp1252-late.csv', bytes);
    expect(r.encoding).toBe('windows-1252');
    expect(r.rows).toHaveLength(5001);
    expect(r.rows.at(-1)!.tags.Client).toBe('Société 5€');
  });
});
