/** Saving and reading results: complete round trips, shared probes stored once, one result per domain, tallies. */
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTURES, type Posture, type Severity } from '../../shared/findings';
import type { DomainResult } from '../../shared/types';
import { getRun, listRuns, pendingDomains } from '../../electron/store/runs';
import { DuplicateResultError, getResult, iterateResults, saveResult } from '../../electron/store/results';
import { estateDomains, makeResult } from './fixtures/domain-results';
import { consistencyProblems, newRun, savePending, tagsOf, tempStore, type TempStore } from './helpers';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

const count = (sql: string, ...args: unknown[]) => store.db.prepare(sql).pluck().get(...args) as number;

function saveAll(runId: number, results: DomainResult[]): void {
  const pending = pendingDomains(store.db, runId);
  results.forEach((r, i) => saveResult(store.db, runId, pending[i]!.runDomainId, r));
}

describe('round trip', () => {
  it('gives back exactly what was saved, for every posture and shape', () => {
    const cases: DomainResult[] = [
      ...POSTURES.map((posture, i) => makeResult(`p${i}.example`, { posture })),
      makeResult('unprobed.example', { posture: 'enforce', unprobed: true }),
      { ...makeResult('bare.example', { posture: 'error' }), findings: [] },
    ];
    newRun(store.db, cases.map((r) => r.domain), 'shapes', cases.map((r) => r.input));
    saveAll(1, cases);
    for (const r of cases) expect(getResult(store.db, 1, r.domain)).toEqual(r);
    expect(getResult(store.db, 1, 'absent.example')).toBeUndefined();
    expect(getResult(store.db, 2, cases[0]!.domain)).toBeUndefined();
  });

  it('stores a provider probe once and gives it back to every domain using it', () => {
    // Both domains draw the first provider (mx1/mx2.mail-provider.example) from their seeds.
    const domains = estateDomains(60).filter((d) => makeResult(d).mx[0]?.host === 'mx1.mail-provider.example').slice(0, 2);
    expect(domains).toHaveLength(2);
    const results = domains.map((d) => makeResult(d));
    newRun(store.db, domains);
    saveAll(1, results);

    expect(count("SELECT count(*) FROM mx_probes WHERE host = 'mx1.mail-provider.example'")).toBe(2); // two addresses
    expect(count('SELECT count(*) FROM mx_probes')).toBe(4);
    for (const r of results) expect(getResult(store.db, 1, r.domain)).toEqual(r);
    const a = getResult(store.db, 1, domains[0]!)!;
    const b = getResult(store.db, 1, domains[1]!)!;
    expect(a.mx[0]!.probes[0]).toEqual(b.mx[0]!.probes[0]);
    expect(a.mx[0]!.probes[0]).not.toBe(b.mx[0]!.probes[0]); // independent objects

    // The evidence holds references, not certificate chains.
    const evidence = store.db.prepare('SELECT json FROM result_evidence').pluck().all() as Buffer[];
    const leaf = results[0]!.mx[0]!.probes[0]!.tls!.chain[0]!.derBase64;
    for (const blob of evidence) {
      const text = zlib.inflateRawSync(blob).toString();
      expect(text).not.toContain(leaf);
      expect(text).toContain('"probes":[{"host":"mx1.mail-provider.example","address":"192.0.2.10","port":25}');
    }
  });

  it('keeps the first save of a probe for the run', () => {
    const domains = estateDomains(60).filter((d) => makeResult(d).mx[0]?.host === 'mx1.mail-provider.example').slice(0, 2);
    newRun(store.db, domains);
    const first = makeResult(domains[0]!);
    const second = makeResult(domains[1]!);
    second.mx[0]!.probes[0]!.elapsedMs = 99_999; // cannot happen in a real run; shows which copy is kept
    saveAll(1, [first, second]);
    expect(getResult(store.db, 1, domains[1]!)!.mx[0]!.probes[0]!.elapsedMs).toBe(first.mx[0]!.probes[0]!.elapsedMs);
  });

  it('answers a domain listed twice in a run with its first row', () => {
    newRun(store.db, ['twice.example', 'twice.example'], 'dup', ['twice.example', 'mailto:x@twice.example']);
    const [a, b] = pendingDomains(store.db, 1);
    saveResult(store.db, 1, b!.runDomainId, { ...makeResult('twice.example'), input: 'mailto:x@twice.example' });
    expect(getResult(store.db, 1, 'twice.example')!.input).toBe('mailto:x@twice.example');
    saveResult(store.db, 1, a!.runDomainId, { ...makeResult('twice.example'), input: 'twice.example' });
    expect(getResult(store.db, 1, 'twice.example')!.input).toBe('twice.example');
  });
});

describe('one result per domain', () => {
  it('refuses a second save of the same domain and writes nothing', () => {
    newRun(store.db, ['once.example']);
    const [d] = pendingDomains(store.db, 1);
    saveResult(store.db, 1, d!.runDomainId, makeResult('once.example'));
    const before = getRun(store.db, 1);
    expect(() => saveResult(store.db, 1, d!.runDomainId, makeResult('once.example', { variant: 'again' }))).toThrow(DuplicateResultError);
    expect(() => saveResult(store.db, 1, d!.runDomainId, makeResult('once.example'))).toThrow(/once\.example already has a saved result/);
    expect(count('SELECT count(*) FROM results')).toBe(1);
    expect(getRun(store.db, 1)).toEqual(before);
    expect(getResult(store.db, 1, 'once.example')).toEqual(makeResult('once.example'));
  });

  it('has a UNIQUE constraint behind the check, and rolls the whole save back when it fires', () => {
    newRun(store.db, ['once.example']);
    const [d] = pendingDomains(store.db, 1);
    saveResult(store.db, 1, d!.runDomainId, makeResult('once.example'));
    store.db.prepare('UPDATE run_domains SET done = 0').run(); // as if the flag were lost
    const findings = count('SELECT count(*) FROM findings');
    expect(() => saveResult(store.db, 1, d!.runDomainId, makeResult('once.example'))).toThrow(/UNIQUE constraint failed: results.run_domain_id/);
    expect(count('SELECT count(*) FROM results')).toBe(1);
    expect(count('SELECT count(*) FROM findings')).toBe(findings);
    expect(getRun(store.db, 1)!.done).toBe(1);
  });

  it('writes nothing when a save fails half-way', () => {
    const domain = estateDomains(40).find((d) => makeResult(d).mx.some((h) => h.probes.length > 0) && makeResult(d).findings.length > 2)!;
    newRun(store.db, [domain]);
    const [d] = pendingDomains(store.db, 1);
    const broken = makeResult(domain);
    broken.findings[2] = { ...broken.findings[2]!, message: null as unknown as string }; // after the probes, result and two findings
    expect(() => saveResult(store.db, 1, d!.runDomainId, broken)).toThrow(/NOT NULL constraint failed: findings.message/);
    for (const table of ['results', 'result_evidence', 'findings', 'mx_probes', 'result_mx_hosts', 'run_counts']) {
      expect(count(`SELECT count(*) FROM ${table}`), table).toBe(0);
    }
    expect(pendingDomains(store.db, 1)).toHaveLength(1);
    expect(getRun(store.db, 1)!.done).toBe(0);
    saveResult(store.db, 1, d!.runDomainId, makeResult(domain));
    expect(getResult(store.db, 1, domain)).toEqual(makeResult(domain));
  });

  it('refuses a domain entry of another run', () => {
    newRun(store.db, ['a.example']);
    newRun(store.db, ['b.example']);
    const [b] = pendingDomains(store.db, 2);
    expect(() => saveResult(store.db, 1, b!.runDomainId, makeResult('b.example'))).toThrow(/run 1 has no domain entry/);
    expect(() => saveResult(store.db, 1, 999, makeResult('b.example'))).toThrow(/no domain entry 999/);
    expect(count('SELECT count(*) FROM results')).toBe(0);
  });
});

describe('tallies', () => {
  it('counts domains per posture and findings per severity as results are saved', () => {
    const domains = estateDomains(150);
    newRun(store.db, domains);
    savePending(store.db, 1, {}, 100);
    const saved = domains.slice(0, 100).map((d) => makeResult(d));
    const postures: Partial<Record<Posture, number>> = {};
    const severities: Partial<Record<Severity, number>> = {};
    for (const r of saved) {
      postures[r.posture] = (postures[r.posture] ?? 0) + 1;
      for (const f of r.findings) severities[f.severity] = (severities[f.severity] ?? 0) + 1;
    }
    const run = getRun(store.db, 1)!;
    expect(run).toMatchObject({ total: 150, done: 100, postureCounts: postures, severityCounts: severities });
    expect(listRuns(store.db)[0]).toEqual(run);
    expect(consistencyProblems(store.db, 1)).toEqual([]);
  });
});

describe('iterateResults', () => {
  it('streams saved results in import order with their tags, skipping pending domains', () => {
    const domains = [...estateDomains(700)].reverse();
    newRun(store.db, domains);
    const pending = pendingDomains(store.db, 1);
    const skipped = new Set([3, 256, 257, 511, 600]);
    pending.forEach((d, i) => skipped.has(i) || saveResult(store.db, 1, d.runDomainId, makeResult(d.domain)));
    const seen = [...iterateResults(store.db, 1)];
    const expected = domains.filter((_, i) => !skipped.has(i));
    expect(seen.map((s) => s.result.domain)).toEqual(expected);
    expect(seen.map((s) => s.runDomainId)).toEqual(pending.filter((_, i) => !skipped.has(i)).map((d) => d.runDomainId));
    expect(seen[0]!.tags).toEqual(tagsOf(domains[0]!, 0));
    for (const i of [0, 255, 256, 694]) expect(seen[i]!.result).toEqual(makeResult(expected[i]!));
  });

  it('lets the caller save while it reads (no cursor is left open between pages)', () => {
    const domains = estateDomains(300);
    newRun(store.db, domains, 'before');
    savePending(store.db, 1);
    newRun(store.db, domains, 'after');
    const targets = pendingDomains(store.db, 2);
    let i = 0;
    for (const { result } of iterateResults(store.db, 1)) saveResult(store.db, 2, targets[i++]!.runDomainId, result);
    expect(getRun(store.db, 2)!.done).toBe(300);
    expect(consistencyProblems(store.db, 2)).toEqual([]);
  });
});
