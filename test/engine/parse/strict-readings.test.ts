/**
 * Strict readings of RFC 8461 / 8460 / 7505 / 7672 that the parsers and checks once missed (issue item 8),
 * each through the path a user reaches: `lint --jsonl`'s lintOne for the parsers, the checks' own functions
 * for null MX and DANE. Domain-level behaviour is also in the lab estate (see test/lab/estate/).
 */
import { describe, expect, it } from 'vitest';
import { lintOne } from '../../../electron/cli/lint';
import { judgeDaneHost, type TlsaLookup } from '../../../electron/engine/checks/dane';
import { collectMx } from '../../../electron/engine/checks/mx-resolve';
import type { DnsLookup } from '../../../electron/engine/net/dns';
import type { DnsAnswer, DnsRecordType, MxHostResult } from '../../../shared/types';

type Lint = { valid: boolean; findings: { code: string }[] };
const sts = (...records: string[]) => lintOne({ kind: 'sts_txt', records }) as Lint & { id: string | null };
const rpt = (...records: string[]) => lintOne({ kind: 'tlsrpt_txt', records }) as Lint;
const mx = (pattern: string, host: string) => (lintOne({ kind: 'mx_match', pattern, host }) as { match: boolean }).match;
const codes = (r: Lint) => r.findings.map((f) => f.code).sort();

describe('RFC 8461 §3.1: with several TXT records, those not beginning "v=STSv1;" are discarded before counting', () => {
  it('a bare "v=STSv1" next to a good record leaves one valid record', () => {
    const r = sts('v=STSv1', 'v=STSv1; id=good');
    expect(r).toMatchObject({ valid: true, id: 'good' });
    expect(codes(r)).toEqual(['MTASTS_DNS_VERSION_INVALID']);
    expect(r.findings[0]).toMatchObject({ message: expect.stringContaining('senders discard it (RFC 8461 §3.1)') });
  });

  it('"v=STSv1 ;" among several records is discarded: alone with an unrelated record there is no policy', () => {
    const r = sts('v=STSv1 ; id=a1', 'google-site-verification=x');
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['MTASTS_DNS_UNRELATED_TXT', 'MTASTS_DNS_VERSION_INVALID']);
    expect(sts('v=STSv1 ; id=a1', 'v=STSv1; id=b2')).toMatchObject({ valid: true, id: 'b2' });
  });

  it('a single record keeps the ABNF reading (WSP before ";" is legal, a bare version lacks an id)', () => {
    expect(codes(sts('v=STSv1 ; id=a1'))).toEqual(['MTASTS_DNS_SPACE_BEFORE_SEMICOLON']);
    expect(sts('v=STSv1 ; id=a1').valid).toBe(true);
    expect(codes(sts('v=STSv1'))).toEqual(['MTASTS_DNS_ID_MISSING']);
  });

  it('the same discard rule for TLS-RPT (RFC 8460 §3)', () => {
    const r = rpt('v=TLSRPTv1', 'v=TLSRPTv1; rua=mailto:tls@example.com');
    expect(r.valid).toBe(true);
    expect(codes(r)).toEqual(['TLSRPT_VALID']);
    expect(rpt('v=TLSRPTv1 ; rua=mailto:tls@example.com', 'spf-ish').valid).toBe(false);
  });
});

describe('mx_match compares A-labels; a host with "*" matches nothing', () => {
  it('a U-label host matches its A-label pattern, exact or wildcard', () => {
    expect(mx('mx.xn--bcher-kva.example', 'mx.bücher.example')).toBe(true);
    expect(mx('*.xn--bcher-kva.example', 'MX.Bücher.Example.')).toBe(true);
    expect(mx('mx.xn--bcher-kva.example', 'mx.bucher.example')).toBe(false);
    // The pattern grammar is A-labels only: a U-label pattern matches nothing.
    expect(mx('mx.bücher.example', 'mx.bücher.example')).toBe(false);
  });

  it('never matches a host name containing "*"', () => {
    expect(mx('*.example.com', '*.example.com')).toBe(false);
    expect(mx('*.example.com', 'a*.example.com')).toBe(false);
    expect(mx('*.example.com', 'mx.example.com')).toBe(true);
  });
});

describe('TLS-RPT: an rua with an unsupported scheme is valid syntax, only unusable', () => {
  it('is TLSRPT_NO_USABLE_RUA, never a syntax or URI error, whatever the WHATWG URL parser thinks of it', () => {
    for (const uri of ['ftp://reports.example:99999/r', 'http://', 'gopher://x:99999/', 'urn:ietf:params:tlsrpt', 'xmpp:tls@example.com']) {
      const r = rpt(`v=TLSRPTv1; rua=${uri}`);
      expect(r.valid, uri).toBe(false);
      expect(codes(r), uri).toEqual(['TLSRPT_NO_USABLE_RUA', 'TLSRPT_RUA_SCHEME_UNSUPPORTED']);
    }
  });

  it('still calls a non-URI invalid', () => {
    for (const bad of ['reports@example.com', 'x:%zz', 'ftp://a"b/']) expect(codes(rpt(`v=TLSRPTv1; rua=${bad}`)), bad).toContain('TLSRPT_RUA_URI_INVALID');
  });
});

/** A DnsLookup answering from a table; anything not in it is NODATA. */
function zone(table: Record<string, Partial<DnsAnswer>>): DnsLookup {
  return {
    async query(name: string, type: DnsRecordType): Promise<DnsAnswer> {
      const base: DnsAnswer = { name, type, outcome: 'nodata', authenticated: false, records: [], cnames: [], server: 'test', elapsedMs: 0, attempts: 1 };
      return { ...base, ...table[`${name} ${type}`] };
    },
  };
}
const mxRecords = (...rs: [number, string][]): Partial<DnsAnswer> => ({ outcome: 'ok', records: rs.map(([preference, exchange]) => ({ name: 'd.test', ttl: 60, type: 'MX', preference, exchange }) as never) });

describe('RFC 7505 §3: a null MX is exactly one record "0 ."', () => {
  it('"MX 0 ." is MX_NULL', async () => {
    const r = await collectMx('d.test', zone({ 'd.test MX': mxRecords([0, '']) }), () => true);
    expect(r.kind).toBe('null');
    expect(r.findings.map((f) => f.code)).toEqual(['MX_NULL']);
  });

  it('a non-zero preference, or two null records, is MX_NULL_MALFORMED (still no mail)', async () => {
    for (const rs of [[[10, '']], [[0, '.'], [5, '.']]] as [number, string][][]) {
      const r = await collectMx('d.test', zone({ 'd.test MX': mxRecords(...rs) }), () => true);
      expect(r.kind).toBe('null');
      expect(r.findings.map((f) => f.code)).toEqual(['MX_NULL_MALFORMED']);
    }
  });
});

describe('RFC 7672 §2.1.2: a secure TLSA lookup failure is not "DANE deployed"', () => {
  const host: MxHostResult = { host: 'mx.d.test', preference: 10, addresses: ['192.0.2.1'], probes: [] };
  const ctx = { domain: 'd.test', mxSecure: true, addressSecure: true, probed: false, knownAnchors: () => [], now: new Date() };

  it('a failed lookup makes DANE apply (the MX is unreachable for DANE senders) but publishes nothing', () => {
    const failed = { name: '_25._tcp.mx.d.test', type: 'TLSA', outcome: 'servfail', authenticated: false, records: [], cnames: [], server: 't', elapsedMs: 0, attempts: 1 } as DnsAnswer;
    const r = judgeDaneHost(host, { answers: [failed], failed, evidence: { owner: '_25._tcp.mx.d.test', base: 'mx.d.test', outcome: 'servfail', authenticated: false, records: [] } } as TlsaLookup, ctx);
    expect(r).toMatchObject({ applies: true, pass: false, published: false });
    expect(r.findings.map((f) => f.code)).toEqual(['DANE_TLSA_LOOKUP_FAILED']);
  });

  it('a secure RRset, even of unusable records, is published', () => {
    const records = [{ usage: 3, selector: 1, matchingType: 9, data: 'ab', usable: false, matched: false }];
    const r = judgeDaneHost(host, { answers: [], evidence: { owner: '_25._tcp.mx.d.test', base: 'mx.d.test', outcome: 'ok', authenticated: true, records } } as TlsaLookup, ctx);
    expect(r).toMatchObject({ applies: true, published: true });
  });
});
