/**
 * The proof that the proposed actions work: for broken lab domains, take the action the engine proposes,
 * apply its exact values to the lab by machine (DNS TXT, the policy file, a re-issued certificate), audit
 * again through real sockets, and assert that what the action claims to resolve is gone and that the
 * protection outcome improved (or is protected). An action that fixes nothing fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, ActionKind } from '../../shared/actions';
import { severityRank } from '../../shared/findings';
import { outcomeRank, resultOutcome } from '../../shared/outcome';
import type { DomainResult } from '../../shared/types';
import { auditDomain } from '../../electron/engine/audit-domain';
import { createAuditContext } from '../../electron/engine/context';
import { deriveActions } from '../../electron/engine/actions';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate';
import type { DomainSpec } from '../../electron/lab/estate/spec';
import { applyActions } from './actions/apply-to-lab';

const CASES = [
  'absent.test', 'mx-not-covered.test', 'mx-wildcard-depth.test', 'testing.test', 'mx-testing-would-fail.test', 'tlsrpt-missing-policy.test',
  'tlsrpt-uri-invalid.test', 'tlsrpt-mailto-undeliverable.test', 'tlsrpt-wrong-location.test', 'mx-undeliverable.test', 'starttls-expired.test',
  'id-invalid.test', 'multiple-records.test', 'record-at-apex.test', 'policy-max-age-short.test', 'policy-mx-invalid.test',
  'content-type-html.test', 'cert-name-mismatch.test', 'mx-cname.test', 'dane-nomatch.test', 'dane-agility.test', 'dane-pkix.test',
];

let lab: Lab;
const specs = new Map<string, DomainSpec>();
const NOW = new Date('2026-12-05T12:00:00Z');

beforeAll(async () => {
  const domains = ENGINE_DOMAINS.filter((d) => CASES.includes(d.name)).map((d) => ({ ...d }));
  expect(domains.map((d) => d.name).sort()).toEqual([...CASES].sort());
  for (const d of domains) specs.set(d.name, d);
  lab = await startLab({ domains, mxHosts: BASE_MX_HOSTS });
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

/** A fresh context per audit: the re-audit must not see cached answers from before the change. */
const audit = (domain: string) => auditDomain(domain, createAuditContext(lab.settings));
const codes = (r: DomainResult) => new Set(r.findings.map((f) => f.code));
const serious = (r: DomainResult) => new Set(r.findings.filter((f) => severityRank(f.severity) <= severityRank('high')).map((f) => f.code));

/** Derives, picks the actions of these kinds (asserting they are proposed), applies them, re-audits. */
/**
 * `keep`: a preparatory step (a testing policy fixed while staying in testing) cannot move the outcome; it must
 * not make it worse, and the caller asserts what it does improve (readiness).
 */
async function applyAndReaudit(domain: string, kinds: ActionKind[], outcome: 'improve' | 'keep' = 'improve') {
  const before = await audit(domain);
  const proposed = deriveActions(before, NOW);
  const picked: Action[] = kinds.map((k) => {
    const a = proposed.actions.find((x) => x.kind === k);
    expect(a, `${domain}: no ${k} action among ${proposed.actions.map((x) => x.kind).join(', ')}`).toBeDefined();
    return a!;
  });
  // The order the engine gives is the order to apply them in.
  const positions = picked.map((a) => proposed.actions.indexOf(a));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  specs.set(domain, await applyActions(lab, specs.get(domain)!, picked, before));
  const after = await audit(domain);
  const left = picked.flatMap((a) => a.resolves).filter((c) => codes(after).has(c));
  expect(left, `${domain}: still raised after applying ${kinds.join(' + ')}:\n${after.findings.map((f) => `${f.code}: ${f.message}`).join('\n')}`).toEqual([]);
  for (const a of picked) expect(a.resolves.length, `${domain}: ${a.kind} resolves nothing`).toBeGreaterThan(0);
  // No new serious defect introduced by the change.
  const introduced = [...serious(after)].filter((c) => !serious(before).has(c));
  expect(introduced, `${domain}: new findings after the change`).toEqual([]);
  const was = resultOutcome(before).outcome;
  const now = resultOutcome(after).outcome;
  if (outcome === 'improve') expect(now === 'protected' || outcomeRank(now) > outcomeRank(was), `${domain}: outcome ${was} → ${now}`).toBe(true);
  else expect(outcomeRank(now), `${domain}: outcome ${was} → ${now}`).toBeGreaterThanOrEqual(outcomeRank(was));
  return { before, after, picked, proposed };
}

describe('apply the proposed action, audit again: the defect is gone', () => {
  it('absent.test: policy file + record + TLS-RPT make it monitored, then the mode change protects it', async () => {
    const { after, picked } = await applyAndReaudit('absent.test', ['policy-file', 'sts-record', 'tlsrpt-record']);
    expect(after.posture).toBe('testing');
    expect(picked[0]!.publish[0]!.value).toBe('version: STSv1\nmode: testing\nmx: mx1.provider.test\nmx: mx2.provider.test\nmax_age: 604800\n');
    expect(picked[1]!.publish[0]).toEqual({ kind: 'dns-txt', name: '_mta-sts.absent.test', value: 'v=STSv1; id=20261205T120000' });
    expect(picked[2]!.publish[0]).toEqual({ kind: 'dns-txt', name: '_smtp._tls.absent.test', value: 'v=TLSRPTv1; rua=mailto:tls-reports@absent.test' });
    expect(after.stsRecord?.id).toBe('20261205T120000');
    expect(codes(after).has('TLSRPT_VALID')).toBe(true);
    // Now in testing with everything passing: ready, and the next action is the switch.
    const next = deriveActions(after, new Date(NOW.getTime() + 3_600_000));
    expect(next.readiness).toEqual({ ready: true, blockers: [] });
    const { after: done } = await applyAndReaudit('absent.test', ['mode-enforce']);
    expect(done.posture).toBe('enforce');
    expect(resultOutcome(done).outcome).toBe('protected');
  }, 60_000);

  it('mx-not-covered.test: the policy lists the forgotten MX and the record gets a new id', async () => {
    const { before, after, picked } = await applyAndReaudit('mx-not-covered.test', ['policy-file']);
    const txt = picked[0]!.publish.find((p) => p.kind === 'dns-txt')!;
    expect(txt.value).not.toContain(`id=${before.stsRecord!.id}`);
    expect(after.stsRecord?.id).toBe(txt.value.slice('v=STSv1; id='.length));
    expect(after.policy?.mx).toEqual(['*.provider.test', 'mx.other.test']);
    expect(resultOutcome(after).outcome).toBe('protected');
  }, 30_000);

  it('mx-wildcard-depth.test: a wildcard that covers nothing goes, the exact MX name comes in', async () => {
    const { after } = await applyAndReaudit('mx-wildcard-depth.test', ['policy-file']);
    expect(after.policy?.mx).toEqual(['mx2.provider.test', 'mx1.provider.test']);
  }, 30_000);

  it('testing.test: ready, so the mode changes to enforce', async () => {
    const { before, after, proposed } = await applyAndReaudit('testing.test', ['mode-enforce']);
    expect(proposed.readiness).toEqual({ ready: true, blockers: [] });
    expect(after.posture).toBe('enforce');
    expect(after.policy?.maxAge).toBe(1209600);
    expect(after.stsRecord?.id).not.toBe(before.stsRecord?.id);
  }, 30_000);

  it('mx-testing-would-fail.test: not ready (an MX is not listed); the policy fix makes it ready, then enforce', async () => {
    const before = await audit('mx-testing-would-fail.test');
    const first = deriveActions(before, NOW);
    expect(first.readiness?.ready).toBe(false);
    expect(first.readiness?.blockers.join(' ')).toContain('mx.other.test');
    expect(first.actions.some((a) => a.kind === 'mode-enforce')).toBe(false);
    const { after } = await applyAndReaudit('mx-testing-would-fail.test', ['policy-file'], 'keep');
    expect(after.posture).toBe('testing');
    expect(deriveActions(after, NOW).readiness).toEqual({ ready: true, blockers: [] });
    const { after: done } = await applyAndReaudit('mx-testing-would-fail.test', ['mode-enforce']);
    expect(resultOutcome(done).outcome).toBe('protected');
  }, 60_000);

  it.each([['tlsrpt-missing-policy.test'], ['tlsrpt-uri-invalid.test'], ['tlsrpt-mailto-undeliverable.test'], ['tlsrpt-wrong-location.test']])(
    '%s: the proposed TLS-RPT record is valid and usable', async (domain) => {
      const { after } = await applyAndReaudit(domain, ['tlsrpt-record']);
      expect(codes(after).has('TLSRPT_VALID')).toBe(true);
    }, 30_000);

  it('mx-undeliverable.test: the MX certificate re-issued with exactly the proposed names', async () => {
    const { picked, after } = await applyAndReaudit('mx-undeliverable.test', ['mx-certificate']);
    expect(picked[0]!.publish).toEqual([{ kind: 'certificate', name: 'badcert.provider.test', value: 'badcert.provider.test' }]);
    expect(picked[0]!.rootCause).toBe('mx-certificate:badcert.provider.test');
    expect(after.mx.find((h) => h.host === 'badcert.provider.test')?.deliverable).toBe(true);
  }, 30_000);

  it('mx-cname.test: no MX passes, so the first action stops the bounces by switching to testing', async () => {
    const { picked, after } = await applyAndReaudit('mx-cname.test', ['policy-file']);
    expect(picked[0]!.stage).toBe('restore');
    expect(picked[0]!.publish[0]!.value).toBe('version: STSv1\nmode: testing\nmx: mail.mx-cname.test\nmax_age: 1209600\n');
    expect(after.posture).toBe('testing');
    expect(resultOutcome(after).outcome).toBe('monitoring');
  }, 30_000);

  it('starttls-expired.test: an expired MX certificate renewed with the proposed names', async () => {
    const { picked } = await applyAndReaudit('starttls-expired.test', ['mx-certificate']);
    expect(picked[0]!.publish[0]!.value).toBe('expired.mx.test');
  }, 30_000);

  it.each([['id-invalid.test'], ['multiple-records.test'], ['record-at-apex.test']])('%s: the corrected record', async (domain) => {
    const kinds: ActionKind[] = domain === 'record-at-apex.test' ? ['policy-file', 'sts-record'] : ['sts-record'];
    const { after } = await applyAndReaudit(domain, kinds);
    expect(after.stsRecord).toMatchObject({ id: '20261205T120000', valid: true });
  }, 30_000);

  it.each([['policy-max-age-short.test'], ['policy-mx-invalid.test']])('%s: the corrected policy file', async (domain) => {
    const { after } = await applyAndReaudit(domain, ['policy-file']);
    expect(after.policy?.valid).toBe(true);
  }, 30_000);

  it.each([['dane-nomatch.test'], ['dane-agility.test'], ['dane-pkix.test']])('%s: TLSA records computed from the served key, stale ones deleted', async (domain) => {
    const { picked, after } = await applyAndReaudit(domain, ['dane-tlsa']);
    expect(picked[0]!.publish.some((p) => p.kind === 'dns-tlsa' || p.kind === 'dns-delete')).toBe(true);
    expect(after.findings.some((f) => f.code === 'DANE_TLSA_MATCH')).toBe(true);
  }, 30_000);

  it('content-type-html.test: the header the policy host must send', async () => {
    const { picked } = await applyAndReaudit('content-type-html.test', ['policy-host']);
    expect(picked[0]!.publish).toEqual([{ kind: 'http-header', name: 'https://mta-sts.content-type-html.test/.well-known/mta-sts.txt', value: 'Content-Type: text/plain; charset=utf-8' }]);
  }, 30_000);

  it('cert-name-mismatch.test: the policy host certificate with the proposed name', async () => {
    const { picked } = await applyAndReaudit('cert-name-mismatch.test', ['policy-host']);
    expect(picked[0]!.publish).toEqual([{ kind: 'certificate', name: 'mta-sts.cert-name-mismatch.test', value: 'mta-sts.cert-name-mismatch.test' }]);
  }, 30_000);
});
