import { describe, expect, it } from 'vitest';
import { certNameMatches, isTooBroad, isValidMxPattern, matchMxPattern, wildcardDepthHint } from '../../../electron/engine/parse/mx-pattern';
import { isIpLiteral, normaliseDomain } from '../../../electron/engine/parse/domain-name';

describe('mx pattern matching (RFC 8461 §4.1)', () => {
  it('matches exact names case-insensitively and wildcards over exactly one label', () => {
    expect(matchMxPattern('mail.example.com', 'MAIL.example.com.')).toBe(true);
    expect(matchMxPattern('*.example.com', 'mx1.example.com')).toBe(true);
    expect(matchMxPattern('*.example.com', 'example.com')).toBe(false);
    expect(matchMxPattern('*.example.com', 'a.b.example.com')).toBe(false);
    expect(matchMxPattern('*.example.com', 'mail.example.com.evil.net')).toBe(false);
    expect(matchMxPattern('example.com', 'mail.example.com')).toBe(false);
    expect(matchMxPattern('.example.com', 'mail.example.com')).toBe(false);
  });

  it('hints at wildcard depth and public-suffix wildcards', () => {
    expect(wildcardDepthHint('*.example.com', 'example.com')).toBe(true);
    expect(wildcardDepthHint('*.example.com', 'a.b.example.com')).toBe(true);
    expect(wildcardDepthHint('*.example.com', 'a.example.org')).toBe(false);
    expect(isTooBroad('*.com')).toBe(true);
    expect(isTooBroad('*.example.com')).toBe(false);
    expect(isValidMxPattern('*.example.com')).toBe(true);
    expect(isValidMxPattern('mx*.example.com')).toBe(false);
  });
});

describe('certificate names (RFC 9525 §6.3)', () => {
  it('honours * only as the whole left-most label for one label', () => {
    expect(certNameMatches('*.example.com', 'mx.example.com')).toBe(true);
    expect(certNameMatches('*.example.com', 'a.mx.example.com')).toBe(false);
    expect(certNameMatches('*.example.com', 'example.com')).toBe(false);
    expect(certNameMatches('mx*.example.com', 'mx1.example.com')).toBe(false);
    expect(certNameMatches('*.com', 'example.com')).toBe(false);
    expect(certNameMatches('MX.Example.com', 'mx.example.com')).toBe(true);
  });
});

describe('domain normalisation', () => {
  it('trims, lower-cases, strips one dot and converts IDN to A-labels', () => {
    expect(normaliseDomain('  Example.COM. ')).toEqual({ ok: true, domain: 'example.com' });
    expect(normaliseDomain('bücher.example')).toEqual({ ok: true, domain: 'xn--bcher-kva.example' });
  });

  it('rejects what is not a host name, with a reason', () => {
    for (const bad of ['', 'not a domain!', 'https://example.com/', 'user@example.com', '192.0.2.1', 'example..com', 'example.com..', 'localhost', '-a.example.com', 'a_b.example.com', `${'a'.repeat(64)}.com`]) {
      const r = normaliseDomain(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(3);
    }
    expect(isIpLiteral('192.0.2.1.')).toBe(true);
    expect(isIpLiteral('[2001:db8::1]')).toBe(true);
  });
});
