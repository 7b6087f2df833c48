/**
 * deriveActions and groupActions on real lab results (test/engine/actions/fixtures/lab-results.json, recorded
 * from the lab estate with certificate bytes left out): the values proposed, the order, the readiness verdict,
 * and the estate priority.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/actions';
import { FINDING_CODES } from '../../../shared/findings';
import { resultOutcome } from '../../../shared/outcome';
import type { DomainResult } from '../../../shared/types';
import { deriveActions, groupActions } from '../../../electron/engine/actions';
import { freshId, idFromTime } from '../../../electron/engine/actions/fresh-id';
import { plainRemediation } from '../../../electron/engine/actions/plain';
import { proposeMaxAge, proposeMx } from '../../../electron/engine/actions/propose-policy';
import { UNREADABLE } from './readable';

const LAB: Record<string, DomainResult> = JSON.parse(readFileSync(new URL('./fixtures/lab-results.json', import.meta.url), 'utf8'));
const lab = (name: string): DomainResult => structuredClone(LAB[name]!);
const NOW = new Date('2026-12-05T12:00:00Z');
const kinds = (as: Action[]) => as.map((a) => a.kind);

describe('fresh id', () => {
  it('is the audit time in letters and digits, and never the current id', () => {
    expect(idFromTime(NOW)).toBe('20261205T120000');
    expect(freshId(NOW, '20240101T000000Z')).toBe('20261205T120000');
    expect(freshId(NOW, '20261205T120000')).toBe('20261205T120001');
    expect(freshId(NOW)).toMatch(/^[A-Za-z0-9]{1,32}$/);
  });
});

describe('the proposed policy', () => {
  it('keeps a published pattern that matches a current MX and adds the exact name of an uncovered one', () => {
    expect(proposeMx(lab('mx-not-covered.test'))).toEqual(['*.provider.test', 'mx.other.test']);
  });
  it('drops a wildcard that matches no MX (one label only) and lists the MX it missed', () => {
    expect(proposeMx(lab('mx-wildcard-depth.test'))).toEqual(['mx2.provider.test', 'mx1.provider.test']);
  });
  it('never invents a wildcard: a new policy lists the MX hosts by name', () => {
    expect(proposeMx(lab('absent.test'))).toEqual(['mx1.provider.test', 'mx2.provider.test']);
  });
  it('max_age: the current one when sensible for the mode, else one week for testing, two for enforce', () => {
    expect(proposeMaxAge('testing')).toBe(604800);
    expect(proposeMaxAge('enforce', 86400)).toBe(1209600);
    expect(proposeMaxAge('enforce', 604800)).toBe(1209600);
    expect(proposeMaxAge('enforce', 31557600)).toBe(31557600);
    expect(proposeMaxAge('testing', 40000000)).toBe(604800);
    expect(proposeMaxAge('none', 1209600)).toBe(86400);
  });
});

describe('deriveActions', () => {
  it('absent: the policy file first, then the record that points at it, then TLS reporting', () => {
    const { actions, readiness } = deriveActions(lab('absent.test'), NOW);
    expect(kinds(actions)).toEqual(['policy-file', 'sts-record', 'tlsrpt-record']);
    expect(actions[0]!.publish).toEqual([{ kind: 'policy-file', name: 'https://mta-sts.absent.test/.well-known/mta-sts.txt', value: 'version: STSv1\nmode: testing\nmx: mx1.provider.test\nmx: mx2.provider.test\nmax_age: 604800\n' }]);
    expect(readiness?.ready).toBe(false);
    expect(readiness?.blockers.length).toBeGreaterThan(0);
  });

  it('restores delivery first: switch to testing at once, then fix the certificate', () => {
    const { actions } = deriveActions(lab('mx-none-deliverable.test'), NOW);
    expect(actions.map((a) => [a.stage, a.kind])).toEqual([['restore', 'policy-file'], ['restore', 'mx-certificate']]);
    expect(actions[0]!.publish.map((p) => p.value)).toEqual(['version: STSv1\nmode: testing\nmx: *.provider.test\nmax_age: 1209600\n', 'v=STSv1; id=20261205T120000']);
    expect(actions[1]).toMatchObject({ rootCause: 'mx-certificate:badcert.provider.test', severity: 'critical', publish: [{ kind: 'certificate', name: 'badcert.provider.test', value: 'badcert.provider.test' }] });
  });

  it('keeps enforce when some MX still passes, and names the certificate the failing one must present', () => {
    const { actions } = deriveActions(lab('mx-undeliverable.test'), NOW);
    expect(kinds(actions)).toEqual(['mx-certificate']);
    expect(actions[0]!.resolves.sort()).toEqual(['MTASTS_MX_UNDELIVERABLE', 'STARTTLS_CERT_NAME_MISMATCH']);
  });

  it('a default certificate must hold every name the server serves by SNI', () => {
    const [a] = deriveActions(lab('starttls-sni-shared-b.test'), NOW).actions;
    expect(a).toMatchObject({ kind: 'mx-certificate', stage: 'hygiene', publish: [{ kind: 'certificate', name: 'sni-b.mx.test', value: 'sni-b.mx.test, sni-a.mx.test' }] });
  });

  it('DANE: a TLSA record computed from the key the MX serves replaces the stale one', () => {
    const r = lab('dane-nomatch.test');
    const spki = r.mx[0]!.probes[0]!.tls!.chain[0]!.spkiSha256;
    const a = deriveActions(r, NOW).actions.find((x) => x.kind === 'dane-tlsa')!;
    expect(a.stage).toBe('restore');
    expect(a.publish[0]).toEqual({ kind: 'dns-tlsa', name: '_25._tcp.nomatch.dane.test', value: `3 1 1 ${spki}` });
    expect(a.publish.slice(1).every((p) => p.kind === 'dns-delete')).toBe(true);
  });

  it('testing and ready: the mode change, nothing else; not ready: no mode change and the blocker named', () => {
    const ready = deriveActions(lab('testing.test'), NOW);
    expect(ready.readiness).toEqual({ ready: true, blockers: [] });
    expect(kinds(ready.actions)).toEqual(['mode-enforce']);
    expect(ready.actions[0]!.publish[0]!.value).toBe('version: STSv1\nmode: enforce\nmx: *.provider.test\nmax_age: 1209600\n');
    const blocked = deriveActions(lab('mx-testing-would-fail.test'), NOW);
    expect(blocked.readiness?.ready).toBe(false);
    expect(blocked.readiness?.blockers).toContain('The mail server mx.other.test is not listed in the policy, so enforcing senders would refuse to deliver to it.');
    expect(kinds(blocked.actions)).toEqual(['policy-file']);
  });

  it('readiness also blocks on TLS reporting and on a high finding', () => {
    const r = lab('testing.test');
    r.tlsrpt = undefined;
    r.findings = r.findings.filter((f) => f.code !== 'TLSRPT_VALID');
    r.findings.push({ code: 'TLSRPT_MISSING_WITH_POLICY', severity: 'medium', message: 'no record' }, { code: 'MTASTS_HTTPS_CERT_UNTRUSTED', severity: 'high', message: 'x' });
    const { readiness, actions } = deriveActions(r, NOW);
    expect(readiness?.ready).toBe(false);
    expect(readiness?.blockers.some((b) => b.includes('TLS reporting'))).toBe(true);
    expect(readiness?.blockers.some((b) => b.startsWith('Fix first: '))).toBe(true);
    expect(kinds(actions)).not.toContain('mode-enforce');
  });

  it('mode none: back to testing (with the retirement caveat left to the person); null MX with a policy: retire', () => {
    expect(deriveActions(lab('none.test'), NOW).actions[0]).toMatchObject({ kind: 'policy-file', title: 'Publish the policy again in mode testing' });
    const retire = deriveActions(lab('null-mx-policy.test'), NOW).actions;
    expect(kinds(retire)).toEqual(['retire']);
    expect(retire[0]!.publish[0]!.value).toBe('version: STSv1\nmode: none\nmax_age: 86400\n');
    expect(deriveActions(lab('null-mx-policy.test'), NOW).readiness).toBeUndefined();
  });

  it('a healthy enforce domain gets nothing to do', () => {
    expect(deriveActions(lab('enforce.test'), NOW)).toEqual({ actions: [] });
  });

  it('a finding with no specific action still gets one, in plain words', () => {
    const r = lab('enforce.test');
    r.findings.push({ code: 'AUDIT_INTERNAL_ERROR', severity: 'high', message: 'TypeError: x' });
    const [a] = deriveActions(r, NOW).actions;
    expect(a).toMatchObject({ kind: 'generic', resolves: ['AUDIT_INTERNAL_ERROR'], severity: 'high' });
    expect(a!.steps.join(' ')).not.toMatch(UNREADABLE);
  });

  it('an input that is no domain gets one plain action, keyed by the input', () => {
    const r: DomainResult = {
      input: 'not a domain!', domain: '', posture: 'error', mxKind: 'error', mx: [], evidence: { dns: [] }, startedAt: NOW.toISOString(), durationMs: 0, toolVersion: 't',
      findings: [{ code: 'AUDIT_DOMAIN_INVALID', severity: 'high', message: 'x' }],
    };
    const d = deriveActions(r, NOW);
    expect(d.readiness).toBeUndefined();
    expect(d.actions).toHaveLength(1);
    expect(d.actions[0]).toMatchObject({ kind: 'generic', rootCause: 'generic:audit_domain_invalid:not a domain!', steps: ['Correct the domain in the imported list.'] });
  });

  it('every catalogue remediation reads plainly once rewritten', () => {
    const bad = FINDING_CODES.map((c) => [c, plainRemediation(c, 'example.com')] as const).filter(([, t]) => UNREADABLE.test(t));
    expect(bad).toEqual([]);
  });

  it('is plain data: survives structured clone and JSON', () => {
    const d = deriveActions(lab('mx-none-deliverable.test'), NOW);
    expect(structuredClone(d)).toEqual(d);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});

describe('groupActions', () => {
  const item = (name: string, domain = name) => {
    const r = lab(name);
    return { domain, outcome: resultOutcome(r).outcome, actions: deriveActions(r, NOW).actions };
  };

  it('groups one MX certificate across domains, and orders by outcome, then domains, then hosts', () => {
    // Three domains behind the same broken backup MX (broken), one domain where it is the only MX (at risk),
    // and two absent domains (unprotected).
    const items = [
      item('mx-undeliverable.test', 'a.test'), item('mx-undeliverable.test', 'b.test'), item('mx-undeliverable.test', 'c.test'),
      item('mx-none-deliverable.test'), item('absent.test', 'x.test'), item('absent.test', 'y.test'), item('testing.test'),
    ];
    const estate = groupActions(items);
    const cert = estate.find((e) => e.rootCause === 'mx-certificate:badcert.provider.test')!;
    expect(cert.domains).toEqual(['a.test', 'b.test', 'c.test', 'mx-none-deliverable.test']);
    expect(cert).toMatchObject({ outcome: 'at-risk', severity: 'critical', hosts: ['badcert.provider.test'] });
    // At risk first: the certificate (4 domains) before the switch to testing (1 domain).
    expect(estate.slice(0, 2).map((e) => e.rootCause)).toEqual(['mx-certificate:badcert.provider.test', 'policy-file:mx-none-deliverable.test']);
    expect(estate.map((e) => e.priority)).toEqual(estate.map((_, i) => i + 1));
    // Unprotected before monitoring.
    const at = (rc: string) => estate.findIndex((e) => e.rootCause === rc);
    expect(at('sts-record:absent.test')).toBeLessThan(at('mode-enforce:testing.test'));
    expect(estate.find((e) => e.rootCause === 'sts-record:absent.test')!.domains).toEqual(['x.test', 'y.test']);
  });

  it('a tidy-up action moves no outcome: it ranks after every action that does', () => {
    const estate = groupActions([item('starttls-sni-shared-b.test'), item('absent.test')]);
    expect(estate[estate.length - 1]).toMatchObject({ rootCause: 'mx-certificate:sni-b.mx.test', outcome: 'protected', stage: 'hygiene' });
  });

  it('is deterministic', () => {
    const items = [item('absent.test'), item('mx-cname.test'), item('mx-not-covered.test')];
    expect(groupActions(items)).toEqual(groupActions([...items].reverse()));
  });
});

