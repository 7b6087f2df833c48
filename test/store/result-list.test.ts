/**
 * The results table: every sort in both directions pages through the run with no row twice or missing, each
 * filter selects what a plain scan of the fixtures selects, and the per-code counts match. The expected
 * orders are computed from the fixtures in JS, not from SQL.
 */
import { outcomeRank, resultOutcome } from '../../shared/outcome';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, POSTURES, SEVERITIES, type FindingCode } from '../../shared/findings';
import { RESULT_SORTS, type ResultRow, type ResultSort } from '../../shared/ipc';
import type { DomainResult } from '../../shared/types';
import { pendingDomains } from '../../electron/store/runs';
import { findingCounts, listResults, saveResult, type ResultQuery } from '../../electron/store/results';
import { getResultOfEntry, tagGroups } from '../../electron/store/result-list';
import { createRun } from '../../electron/store/runs';
import { DEFAULT_SETTINGS } from '../../shared/types';
import { estateDomains, makeResult } from './fixtures/domain-results';
import { newRun, tagsOf, tempStore, type TempStore } from './helpers';

interface Expected { runDomainId: number; result: DomainResult; tags: Record<string, string> }

let store: TempStore;
let runId: number;
let expected: Expected[];

function special(): DomainResult[] {
  const invalid = makeResult('invalid.example', { posture: 'error' });
  return [
    { ...invalid, domain: '', input: 'not a domain', mx: [], findings: [{ code: 'AUDIT_DOMAIN_INVALID', severity: 'high', message: 'not a host name' }] },
    { ...makeResult('percent.example'), input: '100%_sure@percent.example' },
    { ...makeResult('x_y.example'), input: 'x_y.example' },
    { ...makeResult('dup.example'), input: 'dup.example' },
    { ...makeResult('dup.example'), input: 'MAILTO:ops@dup.example' },
    { ...makeResult('clean.example', { posture: 'enforce' }), findings: [] },
  ];
}

beforeAll(() => {
  store = tempStore();
  const results = [...estateDomains(300).map((d) => makeResult(d)), ...special()];
  const run = newRun(store.db, results.map((r) => r.domain), 'table', results.map((r) => r.input));
  runId = run.id;
  // Two domains stay pending: they must not show up.
  const pending = pendingDomains(store.db, runId);
  const unsaved = new Set([10, 20]);
  expected = results
    .map((result, i) => ({ runDomainId: pending[i]!.runDomainId, result, tags: tagsOf(result.domain, i) }))
    .filter((_, i) => !unsaved.has(i));
  for (const e of expected) saveResult(store.db, runId, e.runDomainId, e.result);
});
afterAll(() => store.cleanup());

const worstRank = (r: DomainResult) => Math.min(SEVERITIES.length, ...r.findings.map((f) => SEVERITIES.indexOf(f.severity)));
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

const KEY: Record<ResultSort, (r: DomainResult) => string | number> = {
  domain: (r) => r.domain,
  // Ascending = the outcome scale's own order, worst first.
  outcome: (r) => outcomeRank(resultOutcome(r).outcome),
  posture: (r) => POSTURES.indexOf(r.posture),
  // Ascending = least serious first.
  severity: (r) => -worstRank(r),
  findings: (r) => r.findings.length,
  duration: (r) => r.durationMs,
};

function oracle(sort: ResultSort, desc: boolean, keep: (e: Expected) => boolean = () => true): Expected[] {
  return expected.filter(keep).sort((a, b) => {
    const k = cmp(KEY[sort](a.result), KEY[sort](b.result));
    return (desc ? -k : k) || cmp(a.result.domain, b.result.domain) || a.runDomainId - b.runDomainId;
  });
}

const ident = (r: { domain: string; input: string }) => `${r.domain}|${r.input}`;

function allPages(q: Omit<ResultQuery, 'offset' | 'limit'>, limit = 37): { totals: Set<number>; rows: ResultRow[] } {
  const rows: ResultRow[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += limit) {
    const page = listResults(store.db, runId, { ...q, offset, limit });
    totals.add(page.total);
    rows.push(...page.rows);
    if (page.rows.length < limit) return { totals, rows };
  }
}

describe('sorting and paging', () => {
  const cases = RESULT_SORTS.flatMap((sort) => [false, true].map((desc) => [sort, desc] as const));
  it.each(cases)('by %s (desc %s) pages through every result once, in order', (sort, desc) => {
    const { totals, rows } = allPages({ sort, desc });
    const want = oracle(sort, desc);
    expect([...totals]).toEqual([want.length]);
    expect(rows.map(ident)).toEqual(want.map((e) => ident(e.result)));
    expect(new Set(rows.map(ident)).size).toBe(rows.length);
  });

  it('sorts by domain ascending by default', () => {
    expect(listResults(store.db, runId, { offset: 0, limit: 5 }).rows.map(ident)).toEqual(oracle('domain', false).slice(0, 5).map((e) => ident(e.result)));
  });

  it('puts the worst domains first for severity, descending', () => {
    const [first] = listResults(store.db, runId, { offset: 0, limit: 1, sort: 'severity', desc: true }).rows;
    expect(first!.worstSeverity).toBe('critical');
    const last = listResults(store.db, runId, { offset: expected.length - 1, limit: 1, sort: 'severity', desc: true }).rows[0];
    expect(last!.worstSeverity).toBeUndefined();
  });

  it('returns an empty page past the end', () => {
    expect(listResults(store.db, runId, { offset: 10_000, limit: 50 })).toEqual({ total: expected.length, rows: [] });
  });
});

describe('filters', () => {
  const lower = (s: string) => s.toLowerCase();
  const cases: [string, Omit<ResultQuery, 'offset' | 'limit'>, (e: Expected) => boolean][] = [
    ['posture', { posture: 'enforce' }, (e) => e.result.posture === 'enforce'],
    ['posture with no domain', { posture: 'no-mail' }, (e) => e.result.posture === 'no-mail'],
    ['severity', { severity: 'critical' }, (e) => e.result.findings.some((f) => f.severity === 'critical')],
    ['code', { code: 'STARTTLS_CERT_EXPIRED' }, (e) => e.result.findings.some((f) => f.code === 'STARTTLS_CERT_EXPIRED')],
    ['unknown code', { code: 'NO_SUCH_CODE' }, () => false],
    ['search in domain', { search: '0012' }, (e) => e.result.domain.includes('0012')],
    ['search in input, any case', { search: 'POSTMASTER@D001' }, (e) => lower(e.result.input).includes('postmaster@d001')],
    ['search with a literal %', { search: '%' }, (e) => e.result.input.includes('%')],
    ['search with a literal _', { search: '_' }, (e) => e.result.input.includes('_') || e.result.domain.includes('_')],
    ['search with a literal backslash', { search: '\\' }, () => false],
    ['empty search', { search: '' }, () => true],
    ['combined', { posture: 'absent', severity: 'medium', search: 'd00' },
      (e) => e.result.posture === 'absent' && e.result.findings.some((f) => f.severity === 'medium') && e.result.domain.includes('d00')],
  ];

  it.each(cases)('%s', (_name, q, keep) => {
    for (const [sort, desc] of [['domain', false], ['severity', true], ['findings', true]] as const) {
      const { totals, rows } = allPages({ ...q, sort, desc }, 11);
      const want = oracle(sort, desc, keep);
      expect([...totals]).toEqual([want.length]);
      expect(rows.map(ident)).toEqual(want.map((e) => ident(e.result)));
    }
  });

  it('finds something for each non-trivial filter (the fixtures cover them)', () => {
    for (const [name, q, keep] of cases) if (!['unknown code', 'search with a literal backslash'].includes(name)) expect(expected.filter(keep).length, name).toBeGreaterThan(0);
    expect(expected.filter((e) => e.result.input.includes('%')).length).toBe(1);
  });
});

describe('rows', () => {
  it('carry the summary, distinct codes in finding order, and the import tags', () => {
    const e = expected.find((x) => x.result.findings.length >= 5 && new Set(x.result.findings.map((f) => f.code)).size < x.result.findings.length)
      ?? expected.find((x) => x.result.findings.length >= 5)!;
    const [row] = listResults(store.db, runId, { offset: 0, limit: 5, search: e.result.domain }).rows.filter((r) => r.input === e.result.input);
    expect(row).toEqual({
      runDomainId: e.runDomainId, domain: e.result.domain, input: e.result.input, posture: e.result.posture, outcome: resultOutcome(e.result).outcome, findingCount: e.result.findings.length,
      worstSeverity: SEVERITIES[worstRank(e.result)], codes: [...new Set(e.result.findings.map((f) => f.code))],
      mxCount: e.result.mx.length, durationMs: e.result.durationMs, tags: e.tags,
    });
  });

  it('leave worstSeverity out for a domain without findings', () => {
    const [row] = listResults(store.db, runId, { offset: 0, limit: 1, search: 'clean.example' }).rows;
    expect(row).toMatchObject({ domain: 'clean.example', findingCount: 0, codes: [] });
    expect(row).not.toHaveProperty('worstSeverity');
  });
});

describe('getResultOfEntry', () => {
  it('opens every row by its entry: an input that is no domain, and each copy of a domain listed twice', () => {
    const odd = expected.filter((e) => e.result.domain === '' || e.result.domain === 'dup.example');
    expect(odd.length).toBe(3);
    for (const e of odd) {
      const row = listResults(store.db, runId, { offset: 0, limit: 10, search: e.result.input }).rows.find((r) => r.input === e.result.input)!;
      expect(row.runDomainId).toBe(e.runDomainId);
      expect(getResultOfEntry(store.db, runId, row.runDomainId)).toEqual(e.result);
    }
  });

  it('finds nothing for an entry of another run or one that does not exist', () => {
    expect(getResultOfEntry(store.db, runId + 1, expected[0]!.runDomainId)).toBeUndefined();
    expect(getResultOfEntry(store.db, runId, 10_000_000)).toBeUndefined();
  });
});

describe('findingCounts', () => {
  it('counts domains per code, worst severity first then most domains', () => {
    const byCode = new Map<FindingCode, number>();
    for (const e of expected) for (const code of new Set(e.result.findings.map((f) => f.code))) byCode.set(code, (byCode.get(code) ?? 0) + 1);
    const want = [...byCode].map(([code, count]) => ({ code, severity: CATALOGUE[code].severity, count }))
      .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count - a.count || cmp(a.code, b.code));
    expect(findingCounts(store.db, runId)).toEqual(want);
  });

  it('agrees with the code filter', () => {
    for (const { code, count } of findingCounts(store.db, runId)) expect(listResults(store.db, runId, { offset: 0, limit: 1, code }).total, code).toBe(count);
  });

  it('is empty for a run without results', () => {
    expect(findingCounts(store.db, runId + 1)).toEqual([]);
  });
});

describe('tags as data', () => {
  let s: TempStore;
  beforeAll(() => {
    s = tempStore();
  });
  afterAll(() => s.cleanup());

  it('filters by a tag value, searches tag values, and groups by each tag with rows lacking it counted under ""', () => {
    const names = ['a.example', 'bb.example', 'ccc.example', 'dddd.example', 'eeeee.example', 'ffffff.example', 'g.example'];
    const run = createRun(s.db, {
      name: 'tags', settings: DEFAULT_SETTINGS, toolVersion: '0', resolver: 'x',
      // The last row has no owner at all.
      domains: names.map((domain, i) => ({ input: domain, domain, tags: (i === names.length - 1 ? { region: 'EU' } : { owner: `team-${i % 2}`, region: i < 3 ? 'EU' : 'US' }) as Record<string, string> })),
    });
    for (const d of pendingDomains(s.db, run.id)) saveResult(s.db, run.id, d.runDomainId, { ...makeResult(d.domain), input: d.input });
    const inputs = (q: Omit<ResultQuery, 'offset' | 'limit'>) => listResults(s.db, run.id, { offset: 0, limit: 100, ...q }).rows.map((r) => r.input).sort();
    expect(inputs({ tag: { name: 'owner', value: 'team-1' } })).toEqual(['bb.example', 'dddd.example', 'ffffff.example']);
    expect(inputs({ tag: { name: 'owner', value: '' } })).toEqual(['g.example']);
    expect(inputs({ search: 'team-0' })).toEqual(['a.example', 'ccc.example', 'eeeee.example']);
    const groups = tagGroups(s.db, run.id);
    expect(groups.map((g) => g.name)).toEqual(['owner', 'region']);
    const owner = groups[0]!;
    expect(owner.values.map((v) => [v.value, v.count])).toEqual([['team-0', 3], ['team-1', 3], ['', 1]]);
    for (const v of owner.values) {
      expect(Object.values(v.outcomeCounts).reduce((a, b) => a + b, 0)).toBe(v.count);
      expect(inputs({ tag: { name: 'owner', value: v.value } }).length).toBe(v.count);
    }
    expect(groups[1]!.values.map((v) => [v.value, v.count])).toEqual([['EU', 4], ['US', 3]]);
  });
});
