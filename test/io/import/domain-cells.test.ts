import { describe, expect, it } from 'vitest';
import { domainFromCell } from '../../../electron/io/import/rows/domain-cell';
import { cleanCell } from '../../../electron/io/import/rows/clean-text';
import { domains, importText, rejected, tempFiles } from './fixtures';

const files = tempFiles();

describe('what a domain cell may hold', () => {
  it.each([
    ['example.com', 'example.com'],
    ['EXAMPLE.Com.', 'example.com'],
    ['  example.com\t', 'example.com'],
    ['\u00a0example.com\u00a0', 'example.com'],
    ['\u200bexample.com\u200d', 'example.com'],
    ['\ufeffexample.com', 'example.com'],
    ['jane@Example.COM', 'example.com'],
    ['"odd@local"@example.com', 'example.com'],
    ['mailto:jane@example.com', 'example.com'],
    ['MAILTO:jane@example.com?subject=Hello', 'example.com'],
    ['Jane Doe <jane@example.com>', 'example.com'],
    ['https://www.example.com/path?q=1#top', 'www.example.com'],
    ['http://example.com', 'example.com'],
    ['HTTPS://Example.com:8443/', 'example.com'],
    ['https://user:secret@example.com:8080/x', 'example.com'],
    ['ftp://files.example.com', 'files.example.com'],
    ['example.com/path/page.html', 'example.com'],
    ['www.example.com:8080', 'www.example.com'],
    ['example.com?ref=list', 'example.com'],
    ['müller.de', 'xn--mller-kva.de'],
    ['MÜNCHEN.DE.', 'xn--mnchen-3ya.de'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    ['jane@bücher.example', 'xn--bcher-kva.example'],
    ['xn--mller-kva.de', 'xn--mller-kva.de'],
  ])('%j → %s', (cell, domain) => {
    expect(domainFromCell(cleanCell(cell))).toMatchObject({ ok: true, domain });
  });

  it.each([
    ['not a domain', 'contains spaces or URL characters'],
    ['localhost', 'a single label, not a domain name'],
    ['192.0.2.1', 'an IP address, not a domain name'],
    ['http://192.0.2.1/admin', 'an IP address, not a domain name'],
    ['http://', 'a URL with no host name'],
    ['jane@', 'an e-mail address with nothing after the @'],
    ['example..com', 'has an empty label (two dots in a row)'],
    ['example.com..', 'ends with more than one dot'],
    ['-bad-.example', 'label "-bad-" is not letters, digits and inner hyphens (1–63 characters)'],
    ['exa mple.com/path', 'contains spaces or URL characters'],
    ['http:/example.com', 'contains spaces or URL characters'],
    ['acme.example, acme.example.org', 'several domains in one cell (put one per row)'],
    ['acme.example\nbeta.example', 'several domains in one cell (put one per row)'],
  ])('%j is not a domain: %s', (cell, reason) => {
    expect(domainFromCell(cleanCell(cell))).toEqual({ ok: false, reason });
  });

  it("falls back to a link's target when the displayed text is not a domain", () => {
    expect(domainFromCell('Acme website', 'https://acme.example/')).toMatchObject({ ok: true, domain: 'acme.example' });
    expect(domainFromCell('Write to us', 'mailto:info@acme.example')).toMatchObject({ ok: true, domain: 'acme.example' });
    expect(domainFromCell('Acme website', 'https://')).toEqual({ ok: false, reason: 'contains spaces or URL characters' });
  });
});

describe('domain cells in a file', () => {
  it('normalises e-mails, URLs, IDNs, case and trailing dots and keeps the input as written', async () => {
    const csv = 'Domain,Owner\n'
      + 'WWW.Example.COM.,a\n'
      + 'mailto:jane@example.org,b\n'
      + 'https://user@shop.example.net:8443/cart,c\n'
      + '\u200b müller.de\u00a0,d\n';
    const r = await importText(files, 'cells.csv', csv);
    expect(r.rows.map((x) => [x.input, x.domain])).toEqual([
      ['WWW.Example.COM.', 'www.example.com'],
      ['mailto:jane@example.org', 'example.org'],
      ['https://user@shop.example.net:8443/cart', 'shop.example.net'],
      ['müller.de', 'xn--mller-kva.de'],
    ]);
    expect(domains(r)).toHaveLength(4);
    expect(rejected(r)).toEqual([]);
  });
});
