/**
 * Every lab domain through the real sockets, then its actions: every text a person reads is plain (no
 * placeholder, backtick, section sign, posture tag or finding code), every serious finding has an action,
 * every action resolves findings the domain really has, and the estate view groups a shared MX fix once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainActions } from '../../shared/actions';
import { severityRank } from '../../shared/findings';
import { resultOutcome } from '../../shared/outcome';
import type { DomainResult } from '../../shared/types';
import { auditDomain } from '../../electron/engine/audit-domain';
import { createAuditContext } from '../../electron/engine/context';
import { mapLimit } from '../../electron/engine/concurrency';
import { deriveActions, groupActions } from '../../electron/engine/actions';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate';
import { PLACEHOLDER, UNREADABLE } from './actions/readable';

let lab: Lab;
const results = new Map<string, DomainResult>();
const derived = new Map<string, DomainActions>();
const NOW = new Date('2026-12-05T12:00:00Z');

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  const ctx = createAuditContext(lab.settings);
  await mapLimit(ENGINE_DOMAINS, 32, async (d) => {
    const r = await auditDomain(d.name, ctx);
    results.set(d.name, r);
    derived.set(d.name, deriveActions(r, NOW));
  });
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

const names = ENGINE_DOMAINS.map((d) => [d.name] as const);

describe('actions for every lab domain', () => {
  it.each(names)('%s: plain texts, exact values without placeholders', (name) => {
    const { actions, readiness } = derived.get(name)!;
    const texts = [...actions.flatMap((a) => [a.title, a.why, ...a.steps]), ...(readiness?.blockers ?? [])];
    expect(texts.filter((t) => UNREADABLE.test(t) || t.trim() === '')).toEqual([]);
    expect(actions.flatMap((a) => a.publish).filter((p) => PLACEHOLDER.test(p.value) || PLACEHOLDER.test(p.name) || p.value === '')).toEqual([]);
  });

  it.each(names)('%s: every critical, high or medium finding has an action, and every action resolves a finding it has', (name) => {
    const r = results.get(name)!;
    const { actions } = derived.get(name)!;
    const present = new Set(r.findings.map((f) => f.code));
    const resolved = new Set(actions.flatMap((a) => a.resolves));
    const serious = [...present].filter((c) => severityRank(r.findings.find((f) => f.code === c)!.severity) <= severityRank('medium'));
    expect(serious.filter((c) => !resolved.has(c))).toEqual([]);
    for (const a of actions) {
      expect(a.resolves.length, a.rootCause).toBeGreaterThan(0);
      expect(a.resolves.filter((c) => !present.has(c)), a.rootCause).toEqual([]);
    }
  });

  it('the estate view lists one MX certificate fix for every domain behind that MX, at the right priority', () => {
    const estate = groupActions([...results.entries()].map(([domain, r]) => ({ domain, outcome: resultOutcome(r).outcome, actions: derived.get(domain)!.actions })));
    const badcert = estate.find((e) => e.rootCause === 'mx-certificate:badcert.provider.test')!;
    expect(badcert.domains).toEqual(['mx-none-deliverable.test', 'mx-undeliverable.test']);
    expect(badcert.outcome).toBe('at-risk');
    // At-risk fixes come before anything that only protects an unprotected domain.
    const firstUnprotected = estate.findIndex((e) => e.outcome === 'unprotected');
    expect(badcert.priority).toBeLessThan(estate[firstUnprotected]!.priority);
    expect(new Set(estate.map((e) => e.rootCause)).size).toBe(estate.length);
    expect(estate.flatMap((e) => [e.title, ...e.example.steps]).filter((t) => UNREADABLE.test(t))).toEqual([]);
  });
});
