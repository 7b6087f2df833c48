/** Runs: creation with the whole import, reading back, state, listing order and deletion with everything of the run. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/types';
import { createRun, deleteRun, getRun, listRuns, pendingDomains, runDomains, runExists, setRunState } from '../../electron/store/runs';
import { getResult, saveResult } from '../../electron/store/results';
import { estateDomains, makeResult } from './fixtures/domain-results';
import { newRun, savePending, tagsOf, tempStore, type TempStore } from './helpers';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

const RUN_TABLES = ['run_domains', 'results', 'findings', 'mx_probes', 'result_mx_hosts', 'run_counts'];
const rowsOfRun = (table: string, runId: number) => store.db.prepare(`SELECT count(*) FROM ${table} WHERE run_id = ?`).pluck().get(runId) as number;

describe('createRun / getRun / listRuns', () => {
  it('stores the run with its settings and every domain, pending', () => {
    const domains = estateDomains(5);
    const run = newRun(store.db, domains);
    expect(run).toMatchObject({
      id: 1, name: 'estate audit', client: 'ACME Corp', source: 'estate.xlsx', finishedAt: null, state: 'pending',
      toolVersion: '0.1.0', resolver: '127.0.0.1:5353', total: 5, done: 0, postureCounts: {}, severityCounts: {},
    });
    expect(run.settings).toEqual({ ...DEFAULT_SETTINGS, resolvers: ['127.0.0.1:5353'] });
    expect(new Date(run.createdAt).toISOString()).toBe(run.createdAt);
    expect(getRun(store.db, run.id)).toEqual(run);
    expect(pendingDomains(store.db, run.id)).toEqual(domains.map((domain) => ({ runDomainId: expect.any(Number), input: makeResult(domain).input, domain })));
    expect(runExists(store.db, run.id)).toBe(true);
  });

  it('keeps absent client and source as null', () => {
    const run = createRun(store.db, { name: 'bare', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'system resolvers', domains: [] });
    expect(run).toMatchObject({ client: null, source: null, total: 0 });
  });

  it('fills settings a run was saved without (an older release) with the defaults', () => {
    const run = newRun(store.db, estateDomains(1));
    const newest = Object.keys(DEFAULT_SETTINGS).at(-1)!;
    const { [newest]: _dropped, ...older } = run.settings as unknown as Record<string, unknown>;
    store.db.prepare('UPDATE runs SET settings_json = ? WHERE id = ?').run(JSON.stringify(older), run.id);
    expect(getRun(store.db, run.id)!.settings).toEqual(run.settings);
  });

  it('returns undefined for an unknown run', () => {
    expect(getRun(store.db, 99)).toBeUndefined();
    expect(runExists(store.db, 99)).toBe(false);
  });

  it('lists newest first, each with its own tallies', () => {
    const a = newRun(store.db, estateDomains(3), 'first');
    const b = newRun(store.db, estateDomains(4), 'second');
    savePending(store.db, a.id, { posture: 'absent' });
    const runs = listRuns(store.db);
    expect(runs.map((r) => r.name)).toEqual(['second', 'first']);
    expect(runs[1]).toMatchObject({ done: 3, postureCounts: { absent: 3 } });
    expect(runs[0]).toMatchObject({ id: b.id, done: 0, postureCounts: {}, severityCounts: {} });
    expect(runs[1]).toEqual(getRun(store.db, a.id));
  });

  it('creates nothing when any domain fails to insert', () => {
    const domains = [{ input: 'a.example', domain: 'a.example', tags: {} }, { input: null as unknown as string, domain: 'b.example', tags: {} }];
    expect(() => createRun(store.db, { name: 'x', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'r', domains })).toThrow(/NOT NULL/);
    expect(listRuns(store.db)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM run_domains').pluck().get()).toBe(0);
  });

  it('inserts 100,000 domains in about a second', () => {
    const domains = estateDomains(100_000).map((domain, i) => ({ input: domain, domain, tags: tagsOf(domain, i) }));
    const started = performance.now();
    const run = createRun(store.db, { name: 'big', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'r', domains });
    const ms = performance.now() - started;
    console.log(`createRun: 100,000 domains in ${ms.toFixed(0)} ms`);
    expect(run.total).toBe(100_000);
    // ~0.3 s measured; the bound leaves room for the two shared cores.
    expect(ms).toBeLessThan(4000);
  });
});

describe('domains of a run', () => {
  it('streams every domain in import order with tags and done flags, across pages', () => {
    const domains = [...estateDomains(600)].reverse(); // import order is not alphabetical
    const run = newRun(store.db, domains);
    savePending(store.db, run.id, {}, 10);
    const all = [...runDomains(store.db, run.id)];
    expect(all.map((d) => d.domain)).toEqual(domains);
    expect(all.map((d) => d.tags)).toEqual(domains.map(tagsOf));
    expect(all.filter((d) => d.done).map((d) => d.domain)).toEqual(domains.slice(0, 10));
    expect([...runDomains(store.db, run.id)].length).toBe(600); // iterable again
  });

  it('lists as pending exactly the domains not saved yet', () => {
    const domains = estateDomains(20);
    const run = newRun(store.db, domains);
    const pending = pendingDomains(store.db, run.id);
    for (const d of [pending[0]!, pending[7]!, pending[19]!]) saveResult(store.db, run.id, d.runDomainId, makeResult(d.domain));
    expect(pendingDomains(store.db, run.id).map((d) => d.domain)).toEqual(domains.filter((_, i) => ![0, 7, 19].includes(i)));
    expect(getRun(store.db, run.id)!.done).toBe(3);
  });

  it('allows writes while a stream is being read', () => {
    const run = newRun(store.db, estateDomains(300));
    let saved = 0;
    for (const d of runDomains(store.db, run.id)) {
      if (saved < 5) saveResult(store.db, run.id, d.runDomainId, makeResult(d.domain));
      saved++;
    }
    expect(getRun(store.db, run.id)!.done).toBe(5);
  });
});

describe('setRunState', () => {
  it('sets the state with its finish time, and clears the time when none is given', () => {
    const run = newRun(store.db, estateDomains(1));
    setRunState(store.db, run.id, 'completed', '2026-11-22T12:00:00.000Z');
    expect(getRun(store.db, run.id)).toMatchObject({ state: 'completed', finishedAt: '2026-11-22T12:00:00.000Z' });
    setRunState(store.db, run.id, 'running');
    expect(getRun(store.db, run.id)).toMatchObject({ state: 'running', finishedAt: null });
  });

  it('refuses an unknown run and an unknown state', () => {
    expect(() => setRunState(store.db, 42, 'paused')).toThrow(/no run with id 42/);
    const run = newRun(store.db, estateDomains(1));
    expect(() => setRunState(store.db, run.id, 'interrupted' as never)).toThrow(/CHECK/);
  });
});

describe('deleteRun', () => {
  it('removes the run and everything of it, and nothing of other runs', () => {
    const shared = estateDomains(40);
    const keep = newRun(store.db, shared, 'keep');
    const gone = newRun(store.db, shared, 'gone');
    savePending(store.db, keep.id);
    savePending(store.db, gone.id, { variant: 'later' });
    for (const t of RUN_TABLES) expect(rowsOfRun(t, gone.id), t).toBeGreaterThan(0);
    const before = Object.fromEntries(RUN_TABLES.map((t) => [t, rowsOfRun(t, keep.id)]));

    deleteRun(store.db, gone.id);

    expect(getRun(store.db, gone.id)).toBeUndefined();
    for (const t of RUN_TABLES) expect(rowsOfRun(t, gone.id), t).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM result_evidence WHERE result_id NOT IN (SELECT id FROM results)').pluck().get()).toBe(0);
    expect(Object.fromEntries(RUN_TABLES.map((t) => [t, rowsOfRun(t, keep.id)]))).toEqual(before);
    expect(getResult(store.db, keep.id, shared[0]!)).toEqual(makeResult(shared[0]!));
  });

  it('never hands a deleted id out again', () => {
    const a = newRun(store.db, estateDomains(1));
    deleteRun(store.db, a.id);
    expect(newRun(store.db, estateDomains(1)).id).toBe(a.id + 1);
  });
});
