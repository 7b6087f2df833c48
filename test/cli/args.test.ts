import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { networkOverrides, settingsFrom, UsageError } from '../../electron/cli/args';
import { DEFAULT_SETTINGS } from '../../shared/types';

describe('network options', () => {
  it('maps every flag onto the settings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'args-'));
    const ca = path.join(dir, 'ca.pem');
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const s = settingsFrom({ resolver: ['127.0.0.1:5353', '[::1]:53'], ca, 'https-port': '8443', 'smtp-port': '2525', 'allow-private': true, timeout: '500', 'no-smtp': true });
    expect(s).toMatchObject({ resolvers: ['127.0.0.1:5353', '[::1]:53'], httpsPort: 8443, smtpPort: 2525, allowPrivate: true, smtpProbes: false, dnsTimeoutMs: 500, httpTimeoutMs: 2000 });
    expect(s.extraCaPem).toContain('BEGIN CERTIFICATE');
  });

  it('allows chosen private ranges only', () => {
    const s = settingsFrom({ 'allow-private-range': ['127.0.0.0/8', 'fd00::/8'] });
    expect(s).toMatchObject({ allowPrivate: false, privateAllowlist: ['127.0.0.0/8', 'fd00::/8'] });
  });

  it('names the DNSSEC control name (the root by default)', () => {
    expect(settingsFrom({ 'dnssec-control': 'signed.corp.example' }).dnssecControlName).toBe('signed.corp.example');
    expect(settingsFrom({ 'dnssec-control': ' . ' }).dnssecControlName).toBe('.');
    expect(settingsFrom({}).dnssecControlName).toBe('.');
  });

  it('keeps the defaults when nothing is given', () => {
    expect(settingsFrom({})).toEqual(DEFAULT_SETTINGS);
    expect(networkOverrides({})).toEqual({});
  });

  it.each([
    [{ 'https-port': '0' }, /https-port/],
    [{ 'smtp-port': '70000' }, /smtp-port/],
    [{ timeout: 'soon' }, /timeout/],
    [{ resolver: ['a b'] }, /resolver/],
    [{ ca: '/nonexistent/ca.pem' }, /cannot read/],
    [{ 'allow-private-range': ['10.0.0.0'] }, /allow-private-range/],
    [{ 'dnssec-control': 'not a name' }, /dnssec-control/],
    [{ 'dnssec-control': '' }, /dnssec-control/],
    [{ 'dnssec-control': `${'a'.repeat(64)}.example` }, /dnssec-control/],
  ])('rejects %j', (values, message) => {
    expect(() => settingsFrom(values)).toThrow(UsageError);
    expect(() => settingsFrom(values)).toThrow(message);
  });
});
