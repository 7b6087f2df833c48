/**
 * Judging again the results of audits under other settings (test/engine/transport-settings.test.ts,
 * dnssec-no-root.test.ts): SMTP probes off, port 25 blocked, a resolver that does not validate DNSSEC, one cut
 * off from the root. These "not tested" facts are recorded as evidence (smtpNotTested, evidence.resolver) and
 * judged again to the same verdict, through the JSON form evidence.json holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditSettings, DomainResult } from '../../../shared/types';
import { auditDomain } from '../../../electron/engine/audit-domain';
import { createAuditContext } from '../../../electron/engine/context';
import { mapLimit } from '../../../electron/engine/concurrency';
import { rejudgeDomain, recordedVerdict, verdictDifferences } from '../../../electron/engine/judge';
import { startLab, type Lab } from '../../../electron/lab/lab';
import { startBlackhole, type Blackhole } from '../../../electron/lab/blackhole';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../../electron/lab/estate';

const SAMPLE = ['enforce.test', 'mx-none-deliverable.test', 'starttls-not-offered.test', 'dane-ee.test', 'dane-nomatch.test', 'testing.test', 'absent.test'];

let lab: Lab;
let blackhole: Blackhole;

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  blackhole = await startBlackhole(BASE_MX_HOSTS.flatMap((m) => lab.smtp.addressesOf(m.name)));
}, 60_000);

afterAll(async () => {
  await blackhole?.close();
  await lab?.close();
});

/** Audits the sample, then judges each result again from its JSON form alone, with the run's settings as recorded. */
async function auditAndRejudge(settings: AuditSettings, domains = SAMPLE): Promise<{ results: DomainResult[]; codes: Set<string> }> {
  const ctx = createAuditContext(settings);
  const results = await mapLimit(domains, 8, (d) => auditDomain(d, ctx));
  const run = JSON.parse(JSON.stringify({ settings })) as { settings: AuditSettings };
  const codes = new Set<string>();
  for (const r of results) {
    const entry = JSON.parse(JSON.stringify({ input: r.input, domain: r.domain, tags: {}, result: r })) as { result: DomainResult };
    const again = rejudgeDomain(entry, run);
    expect(verdictDifferences(entry, again), r.domain).toEqual([]);
    expect(again).toMatchObject({ judged: true, ...recordedVerdict(r) });
    for (const f of r.findings) codes.add(f.code);
  }
  return { results, codes };
}

describe('judging again what was audited under other settings', () => {
  it('SMTP probes switched off', async () => {
    const { codes } = await auditAndRejudge({ ...lab.settings, smtpProbes: false });
    expect(codes).toContain('STARTTLS_NOT_TESTED');
  });

  it('port 25 blocked', async () => {
    const { results } = await auditAndRejudge({ ...lab.settings, smtpPort: blackhole.port, smtpConnectTimeoutMs: 700 });
    expect(results.every((r) => /port 25 is unreachable/.test(r.smtpNotTested ?? ''))).toBe(true);
  }, 60_000);

  it('a resolver that does not validate DNSSEC', async () => {
    lab.dns.setValidation('off');
    try {
      const { codes } = await auditAndRejudge(lab.settings);
      expect(codes).toContain('DNSSEC_RESOLVER_NOT_VALIDATING');
    } finally {
      lab.dns.setValidation('validating');
    }
  });

  it('a validating resolver cut off from the root', async () => {
    lab.dns.setValidation('no-root');
    try {
      // Alone in its run, a domain with no signed answer cannot tell whether the resolver validates.
      expect((await auditAndRejudge(lab.settings, ['dane-tlsa-insecure.test'])).codes).toContain('DNSSEC_RESOLVER_UNKNOWN');
      // The signed domains prove it with their own answers (AD), whatever the control query said.
      expect((await auditAndRejudge(lab.settings)).codes).toContain('DNSSEC_SIGNED');
    } finally {
      lab.dns.setValidation('validating');
    }
  });
});
