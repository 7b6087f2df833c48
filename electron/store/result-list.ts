/**
 * The results table of a run: filtered, sorted, paged in SQL over the summary columns and their indexes,
 * the per-code tallies of its filter list, and the full result behind one row. Query text is assembled only from the constant fragments
 * below, one prepared statement per shape (filters present × sort × direction); every value is bound.
 */
import type Database from 'better-sqlite3';
import { POSTURES, SEVERITIES, type FindingCode, type Posture, type Severity } from '../../shared/findings';
import type { FindingCount, ResultRow, ResultSort, TagGroup, TagValueCount } from '../../shared/ipc';
import { MAX_TAG_COLUMNS } from '../../shared/tags';
import type { DomainResult } from '../../shared/types';
import { outcomeRank, type Outcome } from '../../shared/outcome';
import { unpackJson } from './json-blob';
import { probeAttacher, type StoredResult } from './mx-probes';
import { defineStatements, statementsByShape } from './statements';

export interface ResultQuery {
  offset: number;
  limit: number;
  posture?: Posture;
  outcome?: Outcome;
  /** Domains with at least one finding of this severity. */
  severity?: Severity;
  /** Domains with at least one finding of this code. */
  code?: string;
  /** A substring of the domain, of the imported cell or of any tag value, case-insensitive for ASCII. */
  search?: string;
  /** Domains whose imported tag `name` holds exactly `value` ('' for rows without that tag). */
  tag?: { name: string; value: string };
  sort?: ResultSort;
  desc?: boolean;
}

/**
 * The tag filter's one definition (DECISIONS "tag filter semantics"): the row's value of tag @tagName, '' when
 * the row lacks it, equals @tagValue exactly. Used by the results table and by exports filtered by tag.
 */
const TAG_MATCH = `coalesce((SELECT j.value FROM json_each(d.tags_json) AS j WHERE j.key = @tagName), '') = @tagValue`;

const FILTERS = {
  posture: 'r.posture_rank = @postureRank',
  outcome: 'r.outcome_rank = @outcomeRank',
  severity: 'r.id IN (SELECT f.result_id FROM findings AS f WHERE f.run_id = @runId AND f.severity = @severity)',
  code: 'r.id IN (SELECT f.result_id FROM findings AS f WHERE f.run_id = @runId AND f.code = @code)',
  // Tags live as one JSON object per imported row (run_domains.tags_json): json_each reads them inside SQLite,
  // over this run's rows only (run_domains_by_run), so no tag crosses into JS to be filtered.
  search: `(r.domain LIKE @search ESCAPE '\\' OR r.input LIKE @search ESCAPE '\\' OR r.run_domain_id IN (
    SELECT d.id FROM run_domains AS d, json_each(d.tags_json) AS j WHERE d.run_id = @runId AND j.value LIKE @search ESCAPE '\\'))`,
  tag: `r.run_domain_id IN (SELECT d.id FROM run_domains AS d WHERE d.run_id = @runId AND ${TAG_MATCH})`,
} as const;
type Filter = keyof typeof FILTERS;

/**
 * Ascending order of each sort key. Severity ascends from the least serious (no finding, then info) to
 * critical, like the counts beside it, so "descending" shows the worst domains first. Posture follows
 * POSTURES; posture_rank and worst_rank hold indexes into POSTURES and SEVERITIES.
 */
const ASCENDING: Record<ResultSort, string> = {
  domain: 'r.domain',
  outcome: 'r.outcome_rank',
  posture: 'r.posture_rank',
  severity: 'r.worst_rank DESC',
  findings: 'r.finding_count',
  duration: 'r.duration_ms',
};
const DESCENDING: Record<ResultSort, string> = {
  domain: 'r.domain DESC',
  outcome: 'r.outcome_rank DESC',
  posture: 'r.posture_rank DESC',
  severity: 'r.worst_rank',
  findings: 'r.finding_count DESC',
  duration: 'r.duration_ms DESC',
};

const byShape = statementsByShape();

const statements = defineStatements({
  // Only the page's rows are fetched in full: computing codes and tags for the rows skipped by OFFSET
  // would cost as much as the whole run.
  row: `SELECT r.run_domain_id, r.domain, r.input, r.posture, r.outcome, r.finding_count, r.worst_rank, r.mx_count, r.duration_ms,
          (SELECT d.tags_json FROM run_domains AS d WHERE d.id = r.run_domain_id) AS tags_json,
          (SELECT group_concat(f.code, ' ' ORDER BY f.seq) FROM findings AS f WHERE f.result_id = r.id) AS codes
        FROM results AS r WHERE r.id = ?`,
  counts: `SELECT code, severity, count(DISTINCT result_id) AS count FROM findings WHERE run_id = ?
           GROUP BY code, severity`,
  worstCounts: 'SELECT worst_rank, count(*) AS count FROM results WHERE run_id = ? GROUP BY worst_rank',
  // Tag names in import order: the first row that has each, then its place in that row (json_each ids grow
  // with the position in the text and stay far below 1,000,000 for a row of tags).
  tagNames: `SELECT j.key AS name FROM run_domains AS d, json_each(d.tags_json) AS j WHERE d.run_id = @runId
             GROUP BY j.key ORDER BY min(d.id * 1000000 + j.id)`,
  // One pass over the run's rows and their tags; rows without a tag are counted by difference (JS below).
  tagGroups: `SELECT j.key AS name, j.value AS value, r.outcome, count(*) AS count
              FROM run_domains AS d JOIN results AS r ON r.run_domain_id = d.id, json_each(d.tags_json) AS j
              WHERE d.run_id = @runId GROUP BY j.key, j.value, r.outcome`,
  // Imported rows, audited or not: an export filtered by tag counts the tagged domains still to audit too.
  taggedRows: `SELECT d.id, d.domain FROM run_domains AS d WHERE d.run_id = @runId AND ${TAG_MATCH}`,
  outcomeTotals: 'SELECT outcome, count(*) AS count FROM results WHERE run_id = @runId GROUP BY outcome',
  // results.run_domain_id is UNIQUE (its own index); run_id is checked so an id of another run finds nothing.
  entry: `SELECT r.run_id, e.json FROM results AS r JOIN result_evidence AS e ON e.result_id = r.id
          WHERE r.run_domain_id = ? AND r.run_id = ?`,
});

function activeFilters(q: ResultQuery): Filter[] {
  const active: Filter[] = [];
  if (q.posture !== undefined) active.push('posture');
  if (q.outcome !== undefined) active.push('outcome');
  if (q.severity !== undefined) active.push('severity');
  if (q.code !== undefined) active.push('code');
  if (q.search !== undefined && q.search !== '') active.push('search');
  if (q.tag !== undefined) active.push('tag');
  return active;
}

function whereClause(filters: Filter[]): string {
  return ['r.run_id = @runId', ...filters.map((f) => FILTERS[f])].join(' AND ');
}

function orderClause(sort: ResultSort, desc: boolean): string {
  const key = (desc ? DESCENDING : ASCENDING)[sort];
  // Ties always break by domain, then import order (a run may hold a domain twice): pages never overlap.
  return sort === 'domain' ? `${key}, r.run_domain_id` : `${key}, r.domain, r.run_domain_id`;
}

/** `%`, `_` and the escape character itself match literally. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Row = {
  run_domain_id: number; domain: string; input: string; posture: Posture; outcome: Outcome; finding_count: number; worst_rank: number; mx_count: number;
  duration_ms: number; tags_json: string; codes: string | null;
};

function resultRow(row: Row): ResultRow {
  const worst = SEVERITIES[row.worst_rank];
  return {
    runDomainId: row.run_domain_id, domain: row.domain, input: row.input, posture: row.posture, outcome: row.outcome, findingCount: row.finding_count,
    ...(worst === undefined ? {} : { worstSeverity: worst }),
    codes: [...new Set(row.codes ? (row.codes.split(' ') as FindingCode[]) : [])],
    mxCount: row.mx_count, durationMs: row.duration_ms, tags: rowTags(row.tags_json),
  };
}

/**
 * A row's tags for the UI: the first MAX_TAG_COLUMNS only, since a page of 1000 rows with thousands of
 * imported columns each would be a reply of hundreds of MB (the export has them all). Object.fromEntries
 * defines own properties, so a tag named "__proto__" stays a tag.
 */
function rowTags(json: string): Record<string, string> {
  const tags = JSON.parse(json) as Record<string, string>;
  const entries = Object.entries(tags);
  return entries.length <= MAX_TAG_COLUMNS ? tags : Object.fromEntries(entries.slice(0, MAX_TAG_COLUMNS));
}

/** One page of the run's results and the number of results matching the filters. */
export function listResults(db: Database.Database, runId: number, q: ResultQuery): { total: number; rows: ResultRow[] } {
  const filters = activeFilters(q);
  const sort = q.sort ?? 'domain';
  const desc = q.desc ?? false;
  const where = whereClause(filters);
  const params = {
    runId, postureRank: q.posture === undefined ? null : POSTURES.indexOf(q.posture),
    outcomeRank: q.outcome === undefined ? null : outcomeRank(q.outcome), severity: q.severity ?? null,
    code: q.code ?? null, search: likePattern(q.search ?? ''), tagName: q.tag?.name ?? null, tagValue: q.tag?.value ?? null, offset: q.offset, limit: q.limit,
  };
  const total = byShape(db, `count:${filters.join(',')}`, () => `SELECT count(*) FROM results AS r WHERE ${where}`)
    .pluck().get(params) as number;
  const ids = byShape(db, `page:${filters.join(',')}:${sort}:${desc}`, () => `SELECT r.id FROM results AS r WHERE ${where} ORDER BY ${orderClause(sort, desc)} LIMIT @limit OFFSET @offset`)
    .pluck().all(params) as number[];
  const row = statements(db).row;
  return { total, rows: ids.map((id) => resultRow(row.get(id) as Row)) };
}

/**
 * The run's imported rows whose tag matches, by the same rule as the table's tag filter: their run_domains ids
 * and their normalised domain names ('' for an input that was not one).
 */
export function taggedEntries(db: Database.Database, runId: number, tag: { name: string; value: string }): { ids: Set<number>; domains: Set<string> } {
  const rows = statements(db).taggedRows.all({ runId, tagName: tag.name, tagValue: tag.value }) as { id: number; domain: string }[];
  return { ids: new Set(rows.map((r) => r.id)), domains: new Set(rows.map((r) => r.domain).filter((d) => d !== '')) };
}

/**
 * Domains per worst severity: how many domains have a critical problem at worst, a high one, … ; 'none' counts
 * the domains with no problem (facts only, or no finding at all). Each domain is counted once.
 */
export function worstCounts(db: Database.Database, runId: number): Partial<Record<Severity | 'none', number>> {
  const out: Partial<Record<Severity | 'none', number>> = {};
  for (const r of statements(db).worstCounts.all(runId) as { worst_rank: number; count: number }[]) {
    const s = SEVERITIES[r.worst_rank];
    const key = s === undefined || s === 'info' ? 'none' : s;
    out[key] = (out[key] ?? 0) + r.count;
  }
  return out;
}

/** Values listed per tag name at most: a tag with thousands of distinct values (an id column) is no grouping. */
export const MAX_TAG_VALUES = 500;

/**
 * The run's domains grouped by each imported tag: per tag name (in first-seen order) its values, most domains
 * first, with the domains per outcome. Rows without the tag count under the value ''.
 */
export function tagGroups(db: Database.Database, runId: number): TagGroup[] {
  const rows = statements(db).tagGroups.all({ runId }) as { name: string; value: string; outcome: Outcome; count: number }[];
  const names = (statements(db).tagNames.all({ runId }) as { name: string }[]).map((r) => r.name).slice(0, MAX_TAG_COLUMNS);
  const byName = new Map<string, Map<string, TagValueCount>>(names.map((n) => [n, new Map()]));
  for (const r of rows) {
    const values = byName.get(r.name);
    if (!values) continue;
    const v = values.get(r.value) ?? { value: r.value, count: 0, outcomeCounts: {} };
    v.count += r.count;
    v.outcomeCounts[r.outcome] = (v.outcomeCounts[r.outcome] ?? 0) + r.count;
    values.set(r.value, v);
  }
  // Rows without the tag: the run's results per outcome less those that hold a value of it.
  const totals = statements(db).outcomeTotals.all({ runId }) as { outcome: Outcome; count: number }[];
  for (const values of byName.values()) {
    const none: TagValueCount = { value: '', count: 0, outcomeCounts: {} };
    for (const t of totals) {
      let held = 0;
      for (const v of values.values()) held += v.outcomeCounts[t.outcome] ?? 0;
      const missing = t.count - held;
      if (missing > 0) { none.outcomeCounts[t.outcome] = missing; none.count += missing; }
    }
    if (none.count === 0) continue;
    const blank = values.get('');
    if (!blank) { values.set('', none); continue; }
    blank.count += none.count;
    for (const [o, n] of Object.entries(none.outcomeCounts) as [Outcome, number][]) blank.outcomeCounts[o] = (blank.outcomeCounts[o] ?? 0) + n;
  }
  return names.map((name) => {
    const all = [...byName.get(name)!.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return { name, values: all.slice(0, MAX_TAG_VALUES), more: Math.max(0, all.length - MAX_TAG_VALUES) };
  });
}

/** Per finding code, how many domains of the run carry it: worst severity first, then most domains. */
export function findingCounts(db: Database.Database, runId: number): FindingCount[] {
  const rows = statements(db).counts.all(runId) as FindingCount[];
  return rows
    .map((r) => ({ code: r.code, severity: r.severity, count: r.count }))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count - a.count || a.code.localeCompare(b.code));
}

/**
 * The saved result of one entry of the run (`runDomainId` of a results row): works for every row, including
 * an input that was not a domain (domain '') and a domain listed twice. Undefined when not saved (yet).
 */
export function getResultOfEntry(db: Database.Database, runId: number, runDomainId: number): DomainResult | undefined {
  const row = statements(db).entry.get(runDomainId, runId) as { run_id: number; json: Buffer } | undefined;
  return row && probeAttacher(db)(row.run_id, unpackJson<StoredResult>(row.json));
}
