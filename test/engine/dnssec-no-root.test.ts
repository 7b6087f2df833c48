/**
 * A validating resolver that cannot reach the root (internal networks, air-gapped audits): the DNSSEC
 * control query for the root gets SERVFAIL, while signed zones still get AD. A failed control query is
 * "unknown", and AD on an answer proves the resolver validates, so the lab's DANE domains must come out
 * exactly as with a resolver that reaches the root. Real sockets throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainResult } from '../../shared/types';
import { auditDomain } from '../../electron/engine/audit-domain';
import { createAuditContext } from '../../electron/engine/context';
import { mapLimit } from '../../electron/engine/concurrency';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS } from '../../electron/lab/estate';
import { DANE_DOMAINS } from '../../electron/lab/estate/transport-domains';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ domains: DANE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  lab.dns.setValidation('no-root');
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

const codes = (r: DomainResult) => [...new Set(r.findings.map((f) => f.code))].sort();
const message = (r: DomainResult, code: string) => r.findings.find((f) => f.code === code)?.message ?? '';
const rootQueries = () => lab.dns.queries.filter((q) => q.name === '' && q.type === 'SOA').length;

describe('a validating resolver that cannot reach the root', () => {
  it('fails the control query in this lab mode, and still signs the DANE zones', async () => {
    const ctx = createAuditContext(lab.settings);
    const soa = await ctx.dns.query('.', 'SOA');
    const mx = await ctx.dns.query('dane-ee.test', 'MX');
    expect([soa.outcome, soa.authenticated]).toEqual(['servfail', false]);
    expect([mx.outcome, mx.authenticated]).toEqual(['ok', true]);
  });

  it('audits every DANE domain of the lab with the same posture and codes as with the root reachable', async () => {
    const ctx = createAuditContext(lab.settings);
    const before = rootQueries();
    // The run learns from its first authenticated answer, as any run does: one signed domain first makes the
    // order of the rest irrelevant (dane-tlsa-insecure.test has no AD of its own; see the next test).
    const results = new Map<string, DomainResult>([['dane-ee.test', await auditDomain('dane-ee.test', ctx)]]);
    await mapLimit(DANE_DOMAINS.filter((d) => d.name !== 'dane-ee.test'), 16, async (d) => {
      results.set(d.name, await auditDomain(d.name, ctx));
    });
    for (const spec of DANE_DOMAINS) {
      const r = results.get(spec.name)!;
      const detail = r.findings.map((f) => `${f.code}: ${f.message}`).join('\n');
      expect({ domain: spec.name, posture: r.posture, codes: codes(r) }, detail).toEqual({ domain: spec.name, posture: spec.expect.posture, codes: [...new Set(spec.expect.codes)].sort() });
    }
    // The control query was really asked, and failed; the finding says what was observed.
    expect(rootQueries()).toBeGreaterThan(before);
    expect(message(results.get('dane-ee.test')!, 'DNSSEC_SIGNED')).toMatch(/control query for \. ended in SERVFAIL, but answers with AD show that the resolver validates/);
    expect(message(results.get('dane-tlsa-insecure.test')!, 'DNSSEC_UNSIGNED')).toMatch(/ended in SERVFAIL/);
  }, 60_000);

  it('calls a resolver "unknown", never "not validating", when the control failed and no answer had AD', async () => {
    // A fresh run whose only domain has no signed answer at all: nothing proves or disproves validation.
    const ctx = createAuditContext(lab.settings);
    const r = await auditDomain('dane-tlsa-insecure.test', ctx);
    expect(codes(r)).toEqual(['DNSSEC_RESOLVER_UNKNOWN', 'MTASTS_DNS_RECORD_MISSING', 'STARTTLS_OK', 'TLSRPT_VALID']);
    expect(message(r, 'DNSSEC_RESOLVER_UNKNOWN')).toMatch(/control query for \. at 127\.0\.0\.1:\d+ ended in SERVFAIL, and no answer carried AD: whether the resolver validates is unknown/);
    expect(r.posture).toBe('absent');
  });
});
