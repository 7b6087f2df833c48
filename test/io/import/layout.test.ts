import { describe, expect, it } from 'vitest';
import { domains, errorOf, importText, rejected, tempFiles } from './fixtures';

const files = tempFiles();

describe('header row', () => {
  it('finds a header on row 3 below a title and a blank row', async () => {
    const r = await importText(files, 'title.csv', 'Acme Group – domain estate,,\n,,\nClient,Domain,Owner\nAcme,acme.example,alice\nBeta,beta.example,bob\n');
    expect(r.headerRow).toBe(3);
    expect(r.columns).toEqual(['Client', 'Domain', 'Owner']);
    expect(r.rows.map((x) => [x.row, x.domain])).toEqual([[4, 'acme.example'], [5, 'beta.example']]);
    expect(r.rejects).toEqual([]);
  });

  it('takes the widest keyword row, not a title that says "domain"', async () => {
    const r = await importText(files, 'title-keyword.csv', 'Domain inventory Q3\nPrepared by IT\nBusiness unit,Primary Domain,Notes\nRetail,shop.example,\n');
    expect(r.headerRow).toBe(3);
    expect(r.domainColumn).toBe('Primary Domain');
  });

  it('reads a file with no header row: every row is data, columns are numbered', async () => {
    const r = await importText(files, 'no-header.csv', 'Acme,acme.example,alice\nBeta,beta.example,bob\nGamma,not a domain,carol\n');
    expect(r.headerRow).toBeUndefined();
    expect(r.domainColumn).toBe('column 2');
    expect(r.columns).toEqual(['column 1', 'column 2', 'column 3']);
    expect(r.rows.map((x) => [x.row, x.domain, x.tags])).toEqual([
      [1, 'acme.example', { 'column 1': 'Acme', 'column 3': 'alice' }],
      [2, 'beta.example', { 'column 1': 'Beta', 'column 3': 'bob' }],
    ]);
    expect(rejected(r)).toEqual([[3, 'contains spaces or URL characters']]);
  });

  it('takes a header without keywords when its cell over the domains is a label', async () => {
    const r = await importText(files, 'plain-header.csv', 'Company,Address,Since\nAcme,acme.example,2019\nBeta,beta.example,2021\n');
    expect(r.headerRow).toBe(1);
    expect(r.domainColumn).toBe('Address');
  });

  it('does not take a first data row with a mistyped domain for a header', async () => {
    const r = await importText(files, 'first-bad.csv', 'Acme,acme..example\nBeta,beta.example\nGamma,gamma.example\n');
    expect(r.headerRow).toBeUndefined();
    expect(rejected(r)).toEqual([[1, 'has an empty label (two dots in a row)']]);
  });

  it('never takes a row below the first domain for a header', async () => {
    const r = await importText(files, 'sparse.csv', 'a.example\nb.example\nn/a,Gamma,x\nc.example,Delta,y\nd.example,Eps,z\n');
    expect(r.headerRow).toBeUndefined();
    expect(r.rows.map((x) => x.row)).toEqual([1, 2, 4, 5]);
    expect(rejected(r)).toEqual([[3, 'contains spaces or URL characters']]);
  });

  it('names blank and repeated header cells so every column can be chosen', async () => {
    const r = await importText(files, 'names.csv', 'Domain,Notes,,notes\nacme.example,a,b,c\n');
    expect(r.columns).toEqual(['Domain', 'Notes', 'column 3', 'notes (2)']);
    expect(r.rows[0]!.tags).toEqual({ Notes: 'a', 'column 3': 'b', 'notes (2)': 'c' });
  });

  it('reports a repeated header row inside the data', async () => {
    const r = await importText(files, 'repeated.csv', 'Domain,Owner\na.example,x\nDomain,Owner\nb.example,y\n');
    expect(rejected(r)).toEqual([[3, 'a repeated header row']]);
    expect(domains(r)).toEqual(['a.example', 'b.example']);
  });
});

describe('domain column', () => {
  it.each(['Domain', 'domains', 'DOMAIN NAME', 'Website', 'Web site', 'URL', 'E-mail', 'Email address', 'Host', 'Hostname', 'FQDN', 'DNS zone', 'Primary Domain'])(
    'recognises the header %j',
    async (header) => {
      const r = await importText(files, `hdr-${header.replace(/\W/g, '_')}.csv`, `Client,${header},Owner\nAcme,acme.example,alice\n`);
      expect(r.domainColumn).toBe(header);
      expect(r.headerRow).toBe(1);
    },
  );

  it('prefers a domain column over a contact e-mail column', async () => {
    const r = await importText(files, 'email-vs-domain.csv', 'Contact email,Domain\njane@corp.example,acme.example\njoe@corp.example,beta.example\n');
    expect(r.domainColumn).toBe('Domain');
    expect(domains(r)).toEqual(['acme.example', 'beta.example']);
  });

  it('prefers a keyword column that holds domains over one that does not', async () => {
    const r = await importText(files, 'owner-vs-site.csv', 'Domain owner,Website\nJane Doe,https://acme.example/\nJoe Bloggs,www.beta.example\n');
    expect(r.domainColumn).toBe('Website');
    expect(domains(r)).toEqual(['acme.example', 'www.beta.example']);
  });

  it('without a keyword, picks the column whose values most often are domains', async () => {
    const r = await importText(files, 'by-content.csv', 'x,y,z\n1,a.example,jane@corp.example\n2,b.example,joe@corp.example\n3,c.example,\n');
    expect(r.domainColumn).toBe('y');
    expect(domains(r)).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('finds e-mail addresses when that is all there is', async () => {
    const r = await importText(files, 'emails-only.csv', 'Name,Contact\nJane,jane@acme.example\nJoe,joe@beta.example\n');
    expect(domains(r)).toEqual(['acme.example', 'beta.example']);
  });
});

describe('choosing the column', () => {
  const csv = 'Client,Website,Contact\nAcme,acme.example,jane@corp.example\nBeta,beta.example,joe@other.example\n';

  it('by header name, case-insensitively', async () => {
    const r = await importText(files, 'choose-name.csv', csv, { column: 'CONTACT' });
    expect(r.domainColumn).toBe('Contact');
    expect(domains(r)).toEqual(['corp.example', 'other.example']);
    expect(r.rows[0]!.tags).toEqual({ Client: 'Acme', Website: 'acme.example' });
  });

  it('by 1-based number or as "column N"', async () => {
    expect((await importText(files, 'choose-num.csv', csv, { column: '3' })).domainColumn).toBe('Contact');
    expect((await importText(files, 'choose-colN.csv', 'a.example,jane@x.example\n', { column: 'column 2' })).domainColumn).toBe('column 2');
  });

  it('by a header name in a row that was not detected as the header', async () => {
    const r = await importText(files, 'choose-row.csv', 'Notes for IT\nTeam,Thing\nRetail,shop.example\n', { column: 'thing' });
    expect(r.headerRow).toBe(2);
    expect(domains(r)).toEqual(['shop.example']);
  });

  it('rejects an unknown column and lists the valid ones', async () => {
    const e = await errorOf(importText(files, 'choose-bad.csv', csv, { column: 'Domain' }));
    expect(e.code).toBe('UNKNOWN_COLUMN');
    expect(e.message).toContain('"Client", "Website" and "Contact"');
    expect((await errorOf(importText(files, 'choose-bad2.csv', csv, { column: '9' }))).code).toBe('UNKNOWN_COLUMN');
  });

  it('fails clearly when no column holds domains', async () => {
    const e = await errorOf(importText(files, 'no-domains.csv', 'Name,Age\nJane,41\nJoe,39\n'));
    expect(e.code).toBe('NO_DOMAIN_COLUMN');
    expect(e.message).toContain('"Name" and "Age"');
  });
});
