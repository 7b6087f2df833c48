/**
 * Domain results: saved one per transaction (crash safety is the point: a process killed at any instant
 * leaves each domain either fully saved, with its findings, probes, done flag and run tallies, or fully
 * pending), and read back as complete DomainResults.
 */
import type Database from 'better-sqlite3';
import { POSTURES, SEVERITIES, severityRank } from '../../shared/findings';
import { summariseResult, type ResultSummary } from '../../shared/result-summary';
import { outcomeRank, resultOutcome, type Outcome } from '../../shared/outcome';
import type { DomainResult, Posture } from '../../shared/types';
import { keysetPages, PAGE_SIZE } from './batches';
import { packJson, unpackJson } from './json-blob';
import { detachProbes, probeAttacher, recordMxHosts, type StoredResult } from './mx-probes';
import { CLIENT_KEY } from './client-key';
import { addResultCounts } from './run-counts';
import { defineStatements } from './statements';

export { findingCounts, listResults, type ResultQuery } from './result-list';
export { listMxProbes } from './mx-probes';

/** Saving a domain that already has a result: a caller bug (it must save pending domains only). */
export class DuplicateResultError extends Error {
  readonly runDomainId: number;

  constructor(runId: number, runDomainId: number, domain: string) {
    super(`run ${runId}: ${domain || `domain entry ${runDomainId}`} already has a saved result; a domain is saved once per run`);
    this.name = 'DuplicateResultError';
    this.runDomainId = runDomainId;
  }
}

const statements = defineStatements({
  target: 'SELECT run_id, domain, done FROM run_domains WHERE id = ?',
  insertResult: `INSERT INTO results (run_id, run_domain_id, domain, input, posture, posture_rank, mode, policy_id, max_age,
                   worst_rank, finding_count, mx_count, duration_ms, outcome, outcome_rank)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertEvidence: 'INSERT INTO result_evidence (result_id, json) VALUES (?, ?)',
  insertFinding: `INSERT INTO findings (result_id, seq, run_id, code, severity, message, subject, line)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  markDone: 'UPDATE run_domains SET done = 1 WHERE id = ? AND done = 0',
  countDone: 'UPDATE runs SET done = done + 1 WHERE id = ?',
  // A run may list a domain twice (two input cells); the first in import order answers.
  byDomain: `SELECT r.run_id, e.json FROM results AS r JOIN result_evidence AS e ON e.result_id = r.id
             WHERE r.domain = ? AND r.run_id = ? ORDER BY r.run_domain_id LIMIT 1`,
  // INDEXED BY here and below: the planner otherwise may walk every run (run_id < ?, or rowid order).
  // Only runs of the same client as this one (previousResultOf says why), never one opened from a bundle.
  previous: `SELECT r.run_id, e.json FROM results AS r INDEXED BY results_by_domain
               JOIN runs AS theirs ON theirs.id = r.run_id
               JOIN runs AS me ON me.id = ?
               JOIN result_evidence AS e ON e.result_id = r.id
             WHERE r.domain = ? AND r.run_id < me.id AND ${CLIENT_KEY('theirs')} IS ${CLIENT_KEY('me')}
               AND theirs.imported_from IS NULL
             ORDER BY r.run_id DESC, r.run_domain_id LIMIT 1`,
  // The same earlier result as `previous`, its summary columns only: cheap enough for every pending domain.
  previousSummary: `SELECT r.posture, r.mx_count FROM results AS r INDEXED BY results_by_domain
               JOIN runs AS theirs ON theirs.id = r.run_id
               JOIN runs AS me ON me.id = ?
             WHERE r.domain = ? AND r.run_id < me.id AND ${CLIENT_KEY('theirs')} IS ${CLIENT_KEY('me')}
               AND theirs.imported_from IS NULL
             ORDER BY r.run_id DESC, r.run_domain_id LIMIT 1`,
  // Walks the run's domains in import order and picks up the saved ones.
  page: `SELECT d.id, d.tags_json, e.json FROM run_domains AS d INDEXED BY run_domains_by_run
           JOIN results AS r ON r.run_domain_id = d.id
           JOIN result_evidence AS e ON e.result_id = r.id
         WHERE d.run_id = ? AND d.id > ? ORDER BY d.id LIMIT ${PAGE_SIZE}`,
  // The same walk without the evidence: only the tags of the saved domains.
  tagsPage: `SELECT d.id, d.tags_json FROM run_domains AS d INDEXED BY run_domains_by_run
               JOIN results AS r ON r.run_domain_id = d.id
             WHERE d.run_id = ? AND d.id > ? ORDER BY d.id LIMIT ${PAGE_SIZE}`,
});

/** The worst_rank of a domain without findings: after info, so "least severe first" puts it first. */
const NO_FINDING_RANK = SEVERITIES.length;

function insertResult(db: Database.Database, runId: number, runDomainId: number, result: DomainResult, summary: ResultSummary, outcome: Outcome): number {
  const worst = summary.worstSeverity === undefined ? NO_FINDING_RANK : severityRank(summary.worstSeverity);
  return Number(statements(db).insertResult.run(
    runId, runDomainId, result.domain, result.input, result.posture, POSTURES.indexOf(result.posture), summary.mode ?? null,
    summary.policyId ?? null, summary.maxAge ?? null, worst, summary.findingCount, summary.mxCount, result.durationMs,
    outcome, outcomeRank(outcome),
  ).lastInsertRowid);
}

function save(db: Database.Database, runId: number, runDomainId: number, result: DomainResult, exactProbes: boolean): void {
  const s = statements(db);
  const target = s.target.get(runDomainId) as { run_id: number; domain: string; done: number } | undefined;
  if (!target || target.run_id !== runId) throw new Error(`run ${runId} has no domain entry ${runDomainId}`);
  if (target.done) throw new DuplicateResultError(runId, runDomainId, target.domain);
  const summary = summariseResult(result);
  const { outcome } = resultOutcome(result);
  const stored = detachProbes(db, runId, result, exactProbes);
  const resultId = insertResult(db, runId, runDomainId, result, summary, outcome);
  s.insertEvidence.run(resultId, packJson(stored));
  result.findings.forEach((f, seq) => s.insertFinding.run(resultId, seq, runId, f.code, f.severity, f.message, f.subject ?? null, f.line ?? null));
  recordMxHosts(db, runId, resultId, result);
  s.markDone.run(runDomainId);
  s.countDone.run(runId);
  addResultCounts(db, runId, result.posture, outcome, summary.counts);
}

const transactions = new WeakMap<Database.Database, (runId: number, runDomainId: number, result: DomainResult, exactProbes: boolean) => void>();

export interface SaveOptions {
  /**
   * Share a stored probe only when the result's probe is the same byte for byte, not merely made at the same
   * time (mx-probes.ts detachProbes): for results read from a bundle, which must come back exactly.
   */
  exactProbes?: boolean;
}

/**
 * Saves one domain's result with everything derived from it in ONE transaction. IMMEDIATE takes the write
 * lock up front, so a second connection (the CLI beside the app) waits its turn instead of failing on a
 * read-then-write upgrade. Throws DuplicateResultError for a domain already saved; nothing is written then.
 */
export function saveResult(db: Database.Database, runId: number, runDomainId: number, result: DomainResult, opts: SaveOptions = {}): void {
  let tx = transactions.get(db);
  if (!tx) {
    const transaction = db.transaction((a: number, b: number, r: DomainResult, exact: boolean) => save(db, a, b, r, exact));
    tx = (a, b, r, exact) => transaction.immediate(a, b, r, exact);
    transactions.set(db, tx);
  }
  tx(runId, runDomainId, result, opts.exactProbes ?? false);
}

type EvidenceRow = { run_id: number; json: Buffer };

function readOne(db: Database.Database, row: EvidenceRow | undefined): DomainResult | undefined {
  return row && probeAttacher(db)(row.run_id, unpackJson<StoredResult>(row.json));
}

/** The result for `domain` (the normalised name) in the run. */
export function getResult(db: Database.Database, runId: number, domain: string): DomainResult | undefined {
  return readOne(db, statements(db).byDomain.get(domain, runId) as EvidenceRow | undefined);
}

/**
 * The latest result for `domain` in an earlier run (smaller id) of the same client as `runId`: what the
 * domain looked like when this client's estate was last audited. Another client's audit of the same domain
 * never counts: the comparison findings built on it end up in this client's report, and must not reveal
 * that, or when, someone else audited the domain (client-key.ts says what "same client" means).
 */
export function previousResultOf(db: Database.Database, runId: number, domain: string): DomainResult | undefined {
  return readOne(db, statements(db).previous.get(runId, domain) as EvidenceRow | undefined);
}

/**
 * What the last earlier audit of the same client saw of each domain (posture and MX count), by run entry id;
 * domains it never saw are absent. For the time-left estimate (engine/eta.ts).
 */
export function previousSummaries(db: Database.Database, runId: number, items: readonly { runDomainId: number; domain: string }[]): Map<number, { posture: Posture; mxCount: number }> {
  const stmt = statements(db).previousSummary;
  const out = new Map<number, { posture: Posture; mxCount: number }>();
  for (const item of items) {
    if (!item.domain) continue;
    const row = stmt.get(runId, item.domain) as { posture: Posture; mx_count: number } | undefined;
    if (row) out.set(item.runDomainId, { posture: row.posture, mxCount: row.mx_count });
  }
  return out;
}

/** Every saved result of the run in import order, streamed in pages (bounded memory at any run size). */
export function iterateResults(db: Database.Database, runId: number): Iterable<{ runDomainId: number; result: DomainResult; tags: Record<string, string> }> {
  type Row = { id: number; tags_json: string; json: Buffer };
  const page = (after: number) => statements(db).page.all(runId, after) as Row[];
  return {
    *[Symbol.iterator]() {
      const attach = probeAttacher(db);
      for (const row of keysetPages(page, (r) => r.id)) {
        yield { runDomainId: row.id, result: attach(runId, unpackJson<StoredResult>(row.json)), tags: JSON.parse(row.tags_json) as Record<string, string> };
      }
    },
  };
}

/** The tags of every saved result of the run, in iterateResults' order, without reading any evidence. */
export function iterateTags(db: Database.Database, runId: number): Iterable<Record<string, string>> {
  type Row = { id: number; tags_json: string };
  const page = (after: number) => statements(db).tagsPage.all(runId, after) as Row[];
  return {
    *[Symbol.iterator]() {
      for (const row of keysetPages(page, (r) => r.id)) yield JSON.parse(row.tags_json) as Record<string, string>;
    },
  };
}
