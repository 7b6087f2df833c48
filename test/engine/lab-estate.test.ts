/**
 * Every lab domain through the real sockets (DNS over UDP/TCP, HTTPS with SNI, SMTP with STARTTLS):
 * the exact posture and the exact set of finding codes each must get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, FINDING_CODES, type FindingCode } from '../../shared/findings';
import type { DomainResult } from '../../shared/types';
import { auditDomain } from '../../electron/engine/audit-domain';
import { createAuditContext } from '../../electron/engine/context';
import { mapLimit } from '../../electron/engine/concurrency';
import { startLab, type Lab } from '../lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../lab/estate';

let lab: Lab;
const results = new Map<string, DomainResult>();

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  const ctx = createAuditContext(lab.settings);
  await mapLimit(ENGINE_DOMAINS, 32, async (d) => {
    results.set(d.name, await auditDomain(d.name, ctx));
  });
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

describe('lab estate', () => {
  it.each(ENGINE_DOMAINS.map((d) => [d.name, d] as const))('%s', (name, spec) => {
    const r = results.get(name)!;
    const got = [...new Set(r.findings.map((f) => f.code))].sort();
    const want = [...new Set(spec.expect.codes)].sort();
    // On failure the messages say why, e.g. a time-out on a loaded machine.
    const detail = r.findings.map((f) => `${f.code}: ${f.message}`).join('\n');
    expect({ posture: r.posture, codes: got }, detail).toEqual({ posture: spec.expect.posture, codes: want });
  });

  it('covers every single-audit finding code of the catalogue', () => {
    // Raised only under other settings, and asserted in test/engine/transport-settings.test.ts (and
    // test/engine/dnssec-no-root.test.ts).
    const elsewhere = new Set<FindingCode>(['STARTTLS_NOT_TESTED', 'DNSSEC_RESOLVER_NOT_VALIDATING', 'DNSSEC_RESOLVER_UNKNOWN']);
    const needed = FINDING_CODES.filter((c) => CATALOGUE[c].group !== 'AUDIT' && !('runComparison' in CATALOGUE[c]) && !elsewhere.has(c));
    const expected = new Set<FindingCode>(ENGINE_DOMAINS.flatMap((d) => d.expect.codes));
    expect(needed.filter((c) => !expected.has(c))).toEqual([]);
  });

  it('probes a shared MX once per run, however many domains use it', () => {
    const users = ENGINE_DOMAINS.filter((d) => (d.mx ?? [[10, 'mx1.provider.test']]) !== 'none' && (d.mx === undefined || (d.mx as [number, string][]).some(([, h]) => h === 'mx1.provider.test')));
    expect(users.length).toBeGreaterThan(50);
    // One STARTTLS session with SNI per host name at that address (mx1 itself and the MX aliases pointing at
    // it), and one without SNI for the address (STARTTLS_SNI_DEPENDENT: without SNI the server cannot tell the
    // names apart), whatever the number of domains using it.
    const aliases = ENGINE_DOMAINS.flatMap((d) => d.extra ?? []).filter((r) => r.type === 'CNAME' && r.data === 'mx1.provider.test');
    expect(aliases.length).toBeGreaterThan(0);
    expect(lab.smtp.connections(lab.smtp.addressOf('mx1.provider.test'))).toBe(1 + aliases.length + 1);
  });

  it('keeps the evidence a consultant needs', () => {
    const r = results.get('enforce.test')!;
    const txt = r.evidence.dns.find((a) => a.name === '_mta-sts.enforce.test' && a.type === 'TXT')!;
    expect(txt.outcome).toBe('ok');
    expect(txt.records[0]!.ttl).toBeGreaterThan(0);
    const fetch = r.evidence.policyFetch!;
    expect(fetch.status).toBe(200);
    expect(fetch.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fetch.tls?.chain[0]?.dnsNames).toContain('mta-sts.enforce.test');
    expect(r.stsRecord).toMatchObject({ id: '20240101T000000Z', valid: true });
    expect(r.policy).toMatchObject({ mode: 'enforce', maxAge: 1209600, mx: ['*.provider.test'] });
    expect(r.mx.map((m) => [m.host, m.covered, m.deliverable])).toEqual([['mx1.provider.test', true, true], ['mx2.provider.test', true, true]]);
  });

  it('tries a failed connection again before concluding (CHECKS §3.3), and only then', () => {
    expect(results.get('enforce.test')!.evidence.policyFetch!.attempts).toBe(1);
    expect(results.get('connect-failed.test')!.evidence.policyFetch!.attempts).toBe(2);
    expect(results.get('timeout-headers.test')!.evidence.policyFetch!.attempts).toBe(2);
    const probe = (domain: string, host: string) => results.get(domain)!.mx.find((h) => h.host === host)!.probes[0]!;
    expect(probe('starttls-connect.test', 'down.mx.test')).toMatchObject({ outcome: 'connect-failed', attempts: 2 });
    expect(probe('enforce.test', 'mx1.provider.test')).toMatchObject({ outcome: 'ok', attempts: 1 });
  });

  it('bounds a slow greeting by one deadline and records it as "not decided" (RFC 5321 §4.5.3.2.1)', () => {
    const probe = (domain: string, host: string) => results.get(domain)!.mx.find((h) => h.host === host)!.probes[0]!;
    const limit = lab.settings.smtpReplyTimeoutMs;
    for (const [domain, host] of [['starttls-tarpit.test', 'tarpit.mx.test'], ['starttls-slow-banner.test', 'slowbanner.mx.test']] as const) {
      const p = probe(domain, host);
      expect(p).toMatchObject({ outcome: 'not-tested', greetingSlow: true, phase: 'banner', attempts: 1 });
      // A trickle at 1 byte/s would take 20 s or more to finish its greeting: one deadline cuts it, however
      // often a byte arrives. Generous margin above the deadline for a loaded machine.
      expect(p.elapsedMs).toBeGreaterThanOrEqual(limit - 50);
      expect(p.elapsedMs).toBeLessThan(limit + 2500);
      expect(results.get(domain)!.mx.find((h) => h.host === host)!.deliverable).toBeUndefined();
    }
    // The tarpit's first bytes are kept as evidence; the silent server sent none.
    expect(probe('starttls-tarpit.test', 'tarpit.mx.test').banner).toMatch(/^2/);
    expect(probe('starttls-slow-banner.test', 'slowbanner.mx.test').banner).toBeUndefined();
  });

  it('keeps NXDOMAIN, NODATA, SERVFAIL apart in the evidence', () => {
    const outcome = (domain: string, name: string, type: string) => results.get(domain)!.evidence.dns.find((a) => a.name === name && a.type === type)?.outcome;
    expect(outcome('nxdomain.test', 'nxdomain.test', 'MX')).toBe('nxdomain');
    expect(outcome('no-mx-no-address.test', 'no-mx-no-address.test', 'MX')).toBe('nodata');
    expect(outcome('mx-lookup-failed.test', 'mx-lookup-failed.test', 'MX')).toBe('servfail');
  });

  it('reports an unusable input as a clear error finding', async () => {
    const ctx = createAuditContext(lab.settings);
    const r = await auditDomain('not a domain!', ctx);
    expect(r.posture).toBe('error');
    expect(r.findings.map((f) => f.code)).toEqual(['AUDIT_DOMAIN_INVALID']);
  });
});
