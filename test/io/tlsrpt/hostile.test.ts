/**
 * The importer against hostile and broken input: every file gets a verdict with a clear reason, bounds hold
 * (a gzip bomb is stopped, huge arrays and strings refused), MIME edge cases are read or refused cleanly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { reportsFromBytes } from '../../../electron/io/tlsrpt/decode';
import { readReportPaths } from '../../../electron/io/tlsrpt/read-paths';
import { TLSRPT_LIMITS } from '../../../electron/io/tlsrpt/limits';

const good = () => ({
  'organization-name': 'Sender Inc.',
  'date-range': { 'start-datetime': '2026-12-01T00:00:00Z', 'end-datetime': '2026-12-01T23:59:59Z' },
  'contact-info': 'tlsrpt@sender.example',
  'report-id': '2026-12-01-abc',
  policies: [{
    policy: { 'policy-type': 'sts', 'policy-string': ['version: STSv1', 'mode: enforce'], 'policy-domain': 'Example.COM.', 'mx-host': ['*.mail.example.com'] },
    summary: { 'total-successful-session-count': 10, 'total-failure-session-count': 2 },
    'failure-details': [{ 'result-type': 'certificate-expired', 'sending-mta-ip': '2001:DB8:0:0::0001', 'receiving-mx-hostname': 'MX1.mail.example.com', 'receiving-ip': '192.0.2.5', 'failed-session-count': 2 }],
  }],
});
const one = (data: Buffer | string) => {
  const items = reportsFromBytes(Buffer.isBuffer(data) ? data : Buffer.from(data), 'f');
  expect(items).toHaveLength(1);
  return items[0]!;
};
const errorOf = (data: Buffer | string) => one(data).error;
const json = (v: unknown) => JSON.stringify(v);
const mutate = (f: (r: ReturnType<typeof good> & Record<string, unknown>) => void) => {
  const r = good();
  f(r);
  return json(r);
};

describe('a good report', () => {
  it('is read from JSON and gzip, normalised (domain, MX, IPv6, dates)', () => {
    for (const data of [json(good()), zlib.gzipSync(json(good())), `\uFEFF  ${json(good())}`]) {
      const r = one(data).report!;
      expect(r).toMatchObject({ organization: 'Sender Inc.', reportId: '2026-12-01-abc', start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T23:59:59.000Z' });
      expect(r.policies[0]).toMatchObject({ type: 'sts', domain: 'example.com', successful: 10, failed: 2, failures: [{ sendingMtaIp: '2001:db8::1', receivingMx: 'mx1.mail.example.com', receivingIp: '192.0.2.5', sessions: 2 }] });
    }
  });

  it('accepts mx-host as a single string and no contact-info, and drops unknown fields', () => {
    const r = one(mutate((x) => {
      delete (x as Record<string, unknown>)['contact-info'];
      (x.policies[0]!.policy as Record<string, unknown>)['mx-host'] = 'mx.example.com';
      (x as Record<string, unknown>).__proto__evil = { polluted: true };
    })).report!;
    expect(r.policies[0]!.mxHosts).toEqual(['mx.example.com']);
    expect(r).not.toHaveProperty('contact');
    expect(Object.keys(r)).toEqual(['organization', 'reportId', 'start', 'end', 'policies']);
  });
});

describe('untrusted keys', () => {
  it('a "__proto__" key in the JSON pollutes nothing and is not kept', () => {
    const r = one(`{"__proto__": {"polluted": true, "organization-name": "evil"}, ${json(good()).slice(1)}`).report!;
    expect(r.organization).toBe('Sender Inc.');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect((r as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('rejected, with the reason', () => {
  it.each([
    ['malformed JSON', '{"organization-name": "x", ', /^malformed JSON/],
    ['not UTF-8', Buffer.concat([Buffer.from('{"organization-name": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), /not UTF-8/],
    ['a JSON array', '[1,2]', /^not an RFC 8460 report: report: /],
    ['a count as a string', mutate((r) => { (r.policies[0]!['failure-details'][0] as Record<string, unknown>)['failed-session-count'] = '2'; }), /policies\[0\]\.failure-details\[0\]\.failed-session-count/],
    ['a negative count', mutate((r) => { r.policies[0]!.summary['total-successful-session-count'] = -1; }), /total-successful-session-count: negative/],
    ['a fractional count', mutate((r) => { r.policies[0]!.summary['total-failure-session-count'] = 1.5; }), /total-failure-session-count: not a whole number/],
    ['a bad sending address', mutate((r) => { r.policies[0]!['failure-details'][0]!['sending-mta-ip'] = '999.1.1.1'; }), /sending-mta-ip: not an IP address/],
    ['a date without offset', mutate((r) => { r['date-range']['start-datetime'] = '2026-12-01T00:00:00'; }), /date-range\.start-datetime: not an RFC 3339 date-time/],
    ['an impossible date', mutate((r) => { r['date-range']['end-datetime'] = '2026-13-45T00:00:00Z'; }), /end-datetime: not a real date/],
    ['a date before TLS-RPT existed', mutate((r) => { r['date-range']['start-datetime'] = '1970-01-01T00:00:00Z'; }), /date-range: start-datetime before 2018/],
    ['a range of years', mutate((r) => { r['date-range']['start-datetime'] = '2019-01-01T00:00:00Z'; }), /date-range: date range longer than 366 days/],
    ['a report from the future', mutate((r) => { r['date-range']['end-datetime'] = new Date(Date.now() + 3 * 86_400_000).toISOString(); }), /date-range: end-datetime is in the future/],
    ['start after end', mutate((r) => { r['date-range']['start-datetime'] = '2026-12-02T00:00:00Z'; }), /date-range: start-datetime is after end-datetime/],
    ['an unknown policy type', mutate((r) => { (r.policies[0]!.policy as Record<string, unknown>)['policy-type'] = 'dmarc'; }), /policies\[0\]\.policy\.policy-type/],
    ['no policies', mutate((r) => { r.policies = []; }), /policies: no policies/],
    ['a missing report-id', mutate((r) => { delete (r as Record<string, unknown>)['report-id']; }), /report-id/],
    ['a string past the bound', mutate((r) => { r['organization-name'] = 'x'.repeat(TLSRPT_LIMITS.stringChars + 1); }), /organization-name: longer than 1024 characters/],
    ['too many failure details', mutate((r) => { r.policies[0]!['failure-details'] = Array(TLSRPT_LIMITS.failureDetailsPerPolicy + 1).fill(r.policies[0]!['failure-details'][0]); }), /more than 10000 failure-details/],
    ['too many policies', mutate((r) => { r.policies = Array(TLSRPT_LIMITS.policies + 1).fill(r.policies[0]); }), /policies: more than 1000 policies/],
    ['a result type that is no token', mutate((r) => { r.policies[0]!['failure-details'][0]!['result-type'] = 'Bad Type\u001b[31m'; }), /result-type: not a result-type token/],
    ['an empty file', '', /^empty file$/],
    ['random text', 'hello world', /neither a TLS-RPT report/],
  ])('%s', (_what, data, reason) => {
    expect(errorOf(data)).toMatch(reason);
  });

  it('a truncated gzip file', () => {
    const gz = zlib.gzipSync(json(good()));
    expect(errorOf(gz.subarray(0, gz.length - 12))).toBe('gzip data is truncated');
  });

  it('a damaged gzip file', () => {
    const gz = Buffer.from(zlib.gzipSync(json(good())));
    gz.fill(0x55, 12, 30);
    expect(errorOf(gz)).toMatch(/^gzip data is damaged|^gzip data is truncated/);
  });

  it('a gzip bomb, stopped at the bound without inflating it all', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(TLSRPT_LIMITS.reportJsonBytes * 4, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const before = process.memoryUsage().rss;
    expect(errorOf(bomb)).toMatch(/inflates to more than 8 MB \(a compression bomb/);
    // Generous: the bound is 8 MB; inflating the whole 32 MB would show.
    expect(process.memoryUsage().rss - before).toBeLessThan(30 * 1024 * 1024);
  });

  it('a compressed payload past its own bound', () => {
    const big = zlib.gzipSync(crypto.randomBytes(TLSRPT_LIMITS.compressedBytes + 1024), { level: 0 });
    expect(errorOf(big)).toMatch(/compressed report larger than 4 MB/);
  });
});

const mail = (parts: string, top = 'multipart/mixed; boundary="b1"') => `From: a@b.example\r\nSubject: report\r\nMIME-Version: 1.0\r\nContent-Type: ${top}\r\n\r\n${parts}`;
const b64part = (data: Buffer, type = 'application/tlsrpt+gzip', extra = '') => `Content-Type: ${type}${extra}\r\nContent-Transfer-Encoding: base64\r\n\r\n${data.toString('base64').replace(/(.{76})/g, '$1\r\n')}\r\n`;

describe('e-mail and mbox', () => {
  const gz = zlib.gzipSync(json(good()));

  it('finds the report in nested multiparts, forwarded messages and octet-stream parts named .json.gz', () => {
    const nested = mail(`--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: multipart/alternative; boundary=b2\r\n\r\n--b2\r\n${b64part(gz)}--b2--\r\n--b1--\r\n`);
    expect(one(nested).report?.reportId).toBe('2026-12-01-abc');
    const forwarded = mail(`--b1\r\nContent-Type: message/rfc822\r\n\r\n${mail(`--inner\r\n${b64part(gz)}--inner--\r\n`, 'multipart/report; boundary=inner')}\r\n--b1--\r\n`);
    expect(one(forwarded).report?.reportId).toBe('2026-12-01-abc');
    const octet = mail(`--b1\r\n${b64part(gz, 'application/octet-stream', '; name="google.com!example.com!1.json.gz"')}--b1--\r\n`);
    expect(one(octet).report).toBeDefined();
    const plainJson = mail(`--b1\r\nContent-Type: application/tlsrpt+json\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${json(good()).replace(/=/g, '=3D').replace(/(.{70})/g, '$1=\r\n')}\r\n--b1--\r\n`);
    expect(one(plainJson).report).toBeDefined();
  });

  it('reports each attachment of a message on its own', () => {
    const bad = Buffer.from('{"broken": ');
    const items = reportsFromBytes(Buffer.from(mail(`--b1\r\n${b64part(gz)}--b1\r\n${b64part(bad, 'application/tlsrpt+json')}--b1--\r\n`)), 'm.eml');
    expect(items.map((i) => [i.source, i.error?.slice(0, 14) ?? 'ok'])).toEqual([['m.eml (attachment 1)', 'ok'], ['m.eml (attachment 2)', 'malformed JSON']]);
  });

  it.each([
    ['no attachment', mail('--b1\r\nContent-Type: text/plain\r\n\r\nno report\r\n--b1--\r\n'), /without a TLS-RPT attachment/],
    ['a missing boundary parameter', mail('--b1\r\n\r\n', 'multipart/mixed'), /boundary missing/],
    ['a boundary that never appears', mail('nothing here\r\n'), /multipart body without its boundary/],
    ['an unknown transfer encoding', mail(`--b1\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nabc\r\n--b1--\r\n`), /unknown Content-Transfer-Encoding "x-uuencode"/],
    ['a message cut off in its attachment', mail(`--b1\r\n${b64part(gz)}`).slice(0, -40), /gzip data is truncated/],
    ['nesting past the bound', (() => {
      let m = `--b9\r\n${b64part(gz)}--b9--\r\n`;
      for (let i = 8; i >= 0; i--) m = `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n${m}--b${i}--\r\n`;
      return mail(m, 'multipart/mixed; boundary=b0');
    })(), /nested deeper than 8 levels/],
    ['too many parts', mail(`${'--b1\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(TLSRPT_LIMITS.mimeParts + 2)}--b1--\r\n`), /more than 500 MIME parts/],
  ])('%s', (_what, data, reason) => {
    expect(errorOf(data)).toMatch(reason);
  });

  it('reads every message of an mbox, each with its own verdict, un-escaping >From lines', () => {
    const ok = mail(`--b1\r\nContent-Type: text/plain\r\n\r\n>From the report below\r\n--b1\r\n${b64part(gz)}--b1--\r\n`);
    const mbox = `From a@b Sat Dec  5 10:00:00 2026\n${ok}\nFrom a@b Sat Dec  5 10:01:00 2026\n${mail('--b1\r\nContent-Type: text/plain\r\n\r\nno report\r\n--b1--\r\n')}\n`;
    const items = reportsFromBytes(Buffer.from(mbox), 'in.mbox');
    expect(items.map((i) => [i.source, i.report ? 'ok' : i.error])).toEqual([['in.mbox (message 1)', 'ok'], ['in.mbox (message 2)', 'e-mail without a TLS-RPT attachment (application/tlsrpt+gzip or +json)']]);
  });
});

describe('folders', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-tlsrpt-hostile-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads report files at any depth, skips other files, and names the files it rejects', () => {
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'b', 'r.json.gz'), zlib.gzipSync(json(good())));
    fs.writeFileSync(path.join(dir, 'a', 'notes.txt'), 'not a report');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{');
    fs.symlinkSync('/etc', path.join(dir, 'link'));
    const items = [...readReportPaths([dir, path.join(dir, 'missing.json')])];
    expect(items.map((i) => [path.relative(dir, i.source), i.report ? 'ok' : i.error!.slice(0, 14)])).toEqual([
      [path.join('a', 'b', 'r.json.gz'), 'ok'], ['bad.json', 'malformed JSON'], ['missing.json', 'cannot read: E'],
    ]);
  });
});
