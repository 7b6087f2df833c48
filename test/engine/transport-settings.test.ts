/**
 * The transport checks under settings other than the lab's defaults, through the real sockets: SMTP probes
 * switched off, port 25 blocked by the auditor's network, and a resolver that does not validate DNSSEC.
 * In each case the domains must get a clear "not tested" fact and no false transport defect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainResult } from '../../shared/types';
import { auditDomain } from '../../electron/engine/audit-domain';
import { createAuditContext } from '../../electron/engine/context';
import { mapLimit } from '../../electron/engine/concurrency';
import { startLab, type Lab } from '../../electron/lab/lab';
import { startBlackhole, type Blackhole } from '../../electron/lab/blackhole';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate';

const SAMPLE = ['enforce.test', 'mx-none-deliverable.test', 'starttls-not-offered.test', 'dane-ee.test', 'dane-nomatch.test', 'testing.test', 'absent.test'];
const TRANSPORT_DEFECTS = /^(STARTTLS_(?!NOT_TESTED)|MTASTS_MX_(UNDELIVERABLE|NONE_DELIVERABLE|TESTING_WOULD_FAIL)|DANE_(TLSA_MATCH|TLSA_NO_MATCH|STARTTLS_MISSING|ALL_MX_FAIL|MTASTS_CONFLICT))/;

let lab: Lab;
let blackhole: Blackhole;

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  const addresses = BASE_MX_HOSTS.flatMap((m) => lab.smtp.addressesOf(m.name));
  blackhole = await startBlackhole(addresses);
}, 60_000);

afterAll(async () => {
  await blackhole?.close();
  await lab?.close();
});

async function auditSample(settings: Lab['settings']): Promise<Map<string, DomainResult>> {
  const ctx = createAuditContext(settings);
  const results = await mapLimit(SAMPLE, 8, (d) => auditDomain(d, ctx));
  return new Map(results.map((r) => [r.domain, r]));
}

function codes(r: DomainResult): string[] {
  return r.findings.map((f) => f.code);
}

describe('transport checks under other settings', () => {
  it('with SMTP probes switched off, says "not tested" and infers no transport defect', async () => {
    const results = await auditSample({ ...lab.settings, smtpProbes: false });
    for (const r of results.values()) {
      expect(codes(r)).toContain('STARTTLS_NOT_TESTED');
      expect(codes(r).filter((c) => TRANSPORT_DEFECTS.test(c))).toEqual([]);
      expect(r.smtpNotTested).toMatch(/disabled/);
      expect(r.mx.every((h) => h.probes.length === 0 && h.deliverable === undefined)).toBe(true);
    }
    // The DNS facts are still there: DANE records are reported even though matching cannot be judged.
    expect(codes(results.get('dane-ee.test')!)).toEqual(expect.arrayContaining(['DANE_TLSA_SECURE', 'DNSSEC_SIGNED']));
    expect(results.get('enforce.test')!.posture).toBe('enforce');
  });

  it('when port 25 is blocked (every connect times out), says so once per domain and infers no defect', async () => {
    const results = await auditSample({ ...lab.settings, smtpPort: blackhole.port, smtpConnectTimeoutMs: 700 });
    for (const r of results.values()) {
      expect(codes(r)).toContain('STARTTLS_NOT_TESTED');
      expect(codes(r).filter((c) => TRANSPORT_DEFECTS.test(c))).toEqual([]);
      expect(r.smtpNotTested).toMatch(/port 25 is unreachable/);
    }
    expect(results.get('mx-none-deliverable.test')!.posture).toBe('enforce');
  }, 60_000);

  it('with a resolver that does not validate DNSSEC, reports that and tests no DANE', async () => {
    lab.dns.setValidation('off');
    try {
      const results = await auditSample(lab.settings);
      for (const r of results.values()) {
        expect(codes(r)).toContain('DNSSEC_RESOLVER_NOT_VALIDATING');
        expect(codes(r).filter((c) => /^DANE_|^DNSSEC_(SIGNED|UNSIGNED|RESOLVER_UNKNOWN)$/.test(c))).toEqual([]);
      }
      expect(results.get('dane-ee.test')!.findings.find((f) => f.code === 'DNSSEC_RESOLVER_NOT_VALIDATING')!.message).toMatch(/answered the DNSSEC control query for \. without AD/);
      // STARTTLS is still judged: the defect on the backup MX is found.
      expect(codes(results.get('starttls-not-offered.test')!)).toContain('STARTTLS_NOT_OFFERED');
    } finally {
      lab.dns.setValidation('validating');
    }
  });

  it('takes AD on an answer as proof that the resolver validates, whatever the control name says', async () => {
    // The control name is unsigned (a misconfiguration), but the signed domains' answers carry AD.
    const results = await auditSample({ ...lab.settings, dnssecControlName: 'unsigned-control.test' });
    const dane = results.get('dane-ee.test')!;
    expect(codes(dane)).toEqual(expect.arrayContaining(['DNSSEC_SIGNED', 'DANE_TLSA_SECURE', 'DANE_TLSA_MATCH']));
    expect(dane.findings.find((f) => f.code === 'DNSSEC_SIGNED')!.message).toMatch(/unsigned-control\.test had no AD, but answers with AD show that the resolver validates/);
    // Each signed domain proves it with its own answers, whatever order the sample ran in.
    expect(codes(results.get('dane-nomatch.test')!)).toEqual(expect.arrayContaining(['DNSSEC_SIGNED', 'DANE_TLSA_NO_MATCH']));
  });
});
