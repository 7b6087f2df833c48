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
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate';
import { EXPECTED_OUTCOME } from '../lab/estate/outcomes';
import { resultOutcome } from '../../shared/outcome';

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
    expect({ posture: r.posture, codes: got, outcome: resultOutcome(r).outcome }, detail).toEqual({ posture: spec.expect.posture, codes: want, outcome: EXPECTED_OUTCOME[name] });
  });

  it('has an expected protection outcome for every lab domain, and a domain that bounces mail is never protected', () => {
    expect(ENGINE_DOMAINS.map((d) => d.name).filter((n) => EXPECTED_OUTCOME[n] === undefined)).toEqual([]);
    for (const [name, r] of results) {
      const bounces = r.findings.some((f) => f.severity === 'critical');
      if (bounces) expect(resultOutcome(r).outcome, name).toBe('at-risk');
      if (resultOutcome(r).outcome === 'protected') expect(r.findings.filter((f) => f.severity === 'critical' || f.severity === 'high'), name).toEqual([]);
    }
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
    // The host answered (TLS done) and then used the whole deadline: nothing is left to try again with.
    expect(results.get('timeout-headers.test')!.evidence.policyFetch!.attempts).toBe(1);
    const probe = (domain: string, host: string) => results.get(domain)!.mx.find((h) => h.host === host)!.probes[0]!;
    expect(probe('starttls-connect.test', 'down.mx.test')).toMatchObject({ outcome: 'connect-failed', attempts: 2 });
    expect(probe('enforce.test', 'mx1.provider.test')).toMatchObject({ outcome: 'ok', attempts: 1 });
  });

  describe('hostile policy hosts end within the fetch deadline (CHECKS §4.1)', () => {
    const fetchOf = (domain: string) => results.get(domain)!.evidence.policyFetch!;
    const message = (domain: string, code: FindingCode) => results.get(domain)!.findings.find((f) => f.code === code)?.message ?? '';
    // The deadline counts time with the host; a loaded machine adds timer lag, never a second deadline.
    const bound = () => lab.settings.httpTimeoutMs + 3000;

    it.each(['trickle-headers.test', 'trickle-body-deadline.test', 'continue-then-nothing.test', 'timeout-headers.test', 'blackhole-16.test'])('%s: one deadline, no second attempt', (domain) => {
      const ev = fetchOf(domain);
      expect(ev.attempts).toBe(1);
      expect(ev.deadlineMs).toBe(lab.settings.httpTimeoutMs);
      expect(ev.timings.totalMs).toBeGreaterThanOrEqual(lab.settings.httpTimeoutMs - 50);
      expect(ev.timings.totalMs).toBeLessThan(bound());
      expect(Number.isInteger(ev.timings.totalMs)).toBe(true);
    });

    it('says which step ran out of time, in whole units', () => {
      expect(message('trickle-headers.test', 'MTASTS_HTTPS_TIMEOUT')).toBe('no final response within the 6 s deadline');
      expect(message('continue-then-nothing.test', 'MTASTS_HTTPS_TIMEOUT')).toBe('no final response after the interim 100 Continue within the 6 s deadline');
      expect(fetchOf('continue-then-nothing.test').informational).toEqual([100]);
      expect(message('trickle-body-deadline.test', 'MTASTS_HTTPS_TIMEOUT')).toMatch(/^the body was not complete when the 6 s deadline passed \(\d+ body bytes received\)$/);
      expect(message('timeout-trickle.test', 'MTASTS_HTTPS_TIMEOUT')).toMatch(/^the body stalled: nothing for 2\.5 s after (the headers|[\d,]+ body bytes)$/);
    });

    it('tries every black-holed address within the deadline and says so', () => {
      const ev = fetchOf('blackhole-16.test');
      expect(ev.addresses).toHaveLength(16);
      expect(ev.addressesTried).toBe(16);
      expect(ev.outcome).toBe('connect-failed');
      expect(message('blackhole-16.test', 'MTASTS_HTTPS_CONNECT_FAILED')).toBe('no connection to any of the 16 addresses (16 timed out)');
      expect(ev.errorMessage).not.toMatch(/\d\.\d{3,}/);
    });

    it('skips interim 1xx responses and reads the 200 after them (RFC 9110 §15.2)', () => {
      const ev = fetchOf('continue-then-200.test');
      expect(ev).toMatchObject({ outcome: 'ok', status: 200, informational: [100, 103], attempts: 1 });
      expect(results.get('continue-then-200.test')!.policy).toMatchObject({ mode: 'enforce' });
    });

    it('tells a cut-off or malformed response apart from a status', () => {
      const reset = fetchOf('reset-mid-body.test');
      expect(reset).toMatchObject({ outcome: 'response-incomplete', status: 200, attempts: 1 });
      expect(message('reset-mid-body.test', 'MTASTS_HTTPS_RESPONSE_INCOMPLETE')).toMatch(/^HTTP status 200, then the connection was reset after [\d,]+ of 2,000 body bytes$/);
      const huge = fetchOf('huge-header.test');
      expect(huge).toMatchObject({ outcome: 'response-incomplete', errorCode: 'HPE_HEADER_OVERFLOW', attempts: 1 });
      expect(huge.status).toBeUndefined();
      expect(message('huge-header.test', 'MTASTS_HTTPS_RESPONSE_INCOMPLETE')).toBe('the response header section exceeds 16,384 bytes');
    });
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
