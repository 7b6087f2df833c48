/**
 * Runs and their imported domains: create a run with its whole domain list in one transaction, read runs
 * back with their tallies, track their state, and find the earlier audit of the same client's estate.
 */
import type Database from 'better-sqlite3';
import type { Posture, Severity } from '../../shared/findings';
import { DEFAULT_SETTINGS, type AuditSettings, type RunRecord, type StoredRunState } from '../../shared/types';
import { keysetPages, PAGE_SIZE } from './batches';
import { CLIENT_KEY, storedClient } from './client-key';
import { allRunCounts, runCounts, type RunCounts } from './run-counts';
import { saveRunInput, type RunInputFile } from './run-inputs';
import { defineStatements } from './statements';

export type { StoredRunState } from '../../shared/types';

export interface NewRunInput {
  name: string;
  client?: string;
  source?: string;
  settings: AuditSettings;
  toolVersion: string;
  resolver: string;
  /** In import order, which every listing of the run keeps. */
  domains: { input: string; domain: string; tags: Record<string, string> }[];
  /** The file the domains were imported from and its import report, kept for the bundle (run-inputs.ts). */
  inputFile?: RunInputFile;
}

export interface RunDomain {
  runDomainId: number;
  input: string;
  domain: string;
  tags: Record<string, string>;
  done: boolean;
}

interface RunRow {
  id: number; name: string; client: string | null; source: string | null; created_at: string; finished_at: string | null;
  state: StoredRunState; settings_json: string; tool_version: string; resolver: string; total: number; done: number;
  imported_from: string | null; imported_at: string | null; signer_fingerprint: string | null; signed_at: string | null; original_id: number | null;
}

const RUN_COLUMNS = `id, name, client, source, created_at, finished_at, state, settings_json, tool_version, resolver, total, done,
  imported_from, imported_at, signer_fingerprint, signed_at, original_id`;

const statements = defineStatements({
  insertRun: `INSERT INTO runs (name, client, source, created_at, state, settings_json, tool_version, resolver, total)
              VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
  insertDomain: 'INSERT INTO run_domains (run_id, input, domain, tags_json) VALUES (?, ?, ?, ?)',
  byId: `SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`,
  all: `SELECT ${RUN_COLUMNS} FROM runs ORDER BY id DESC`,
  exists: 'SELECT 1 FROM runs WHERE id = ?',
  delete: 'DELETE FROM runs WHERE id = ?',
  setState: 'UPDATE runs SET state = ?, finished_at = ? WHERE id = ?',
  // INDEXED BY: ORDER BY id tempts the planner into walking every run's rows in rowid order; the index
  // holds (run_id, id), so it gives this run's rows in id order directly.
  pending: 'SELECT id, input, domain FROM run_domains INDEXED BY run_domains_by_run WHERE run_id = ? AND done = 0 ORDER BY id',
  domainsPage: `SELECT id, input, domain, tags_json, done FROM run_domains INDEXED BY run_domains_by_run
                WHERE run_id = ? AND id > ? ORDER BY id LIMIT ${PAGE_SIZE}`,
  distinctDomains: "SELECT count(DISTINCT domain) FROM run_domains WHERE run_id = ? AND domain <> ''",
  // Runs that could share half of this run's domains: earlier, of the same client (CLIENT_KEY), and with at
  // least that many rows. Imported runs are neither a baseline nor given one (DECISIONS "Offline review").
  candidates: `SELECT c.id FROM runs AS c JOIN runs AS me ON me.id = ?
               WHERE c.id < me.id AND c.total * 2 >= ? AND ${CLIENT_KEY('c')} IS ${CLIENT_KEY('me')}
                 AND c.imported_from IS NULL AND me.imported_from IS NULL ORDER BY c.id DESC`,
  shared: `SELECT count(*) FROM (SELECT DISTINCT domain FROM run_domains WHERE run_id = ? AND domain <> '') AS mine
           WHERE EXISTS (SELECT 1 FROM run_domains AS theirs WHERE theirs.run_id = ? AND theirs.domain = mine.domain)`,
});

/** Settings saved by an older release lack the knobs added since; those ran with what is now the default. */
function storedSettings(json: string): AuditSettings {
  return { ...DEFAULT_SETTINGS, ...(JSON.parse(json) as Partial<AuditSettings>) };
}

function runRecord(row: RunRow, counts: RunCounts): RunRecord {
  return {
    id: row.id, name: row.name, client: row.client, source: row.source, createdAt: row.created_at, finishedAt: row.finished_at,
    state: row.state, settings: storedSettings(row.settings_json), toolVersion: row.tool_version, resolver: row.resolver,
    total: row.total, done: row.done, postureCounts: counts.postureCounts, outcomeCounts: counts.outcomeCounts, severityCounts: counts.severityCounts,
    // Only on imported runs, so a local run's record (and `runs --json`) reads as before.
    ...(row.imported_from !== null && {
      imported: { bundle: row.imported_from, importedAt: row.imported_at ?? '', signerFingerprint: row.signer_fingerprint ?? '', signedAt: row.signed_at, originalId: row.original_id },
    }),
  };
}

/** Thrown when a run opened from a bundle would be audited: it is a record of someone's audit, read-only. */
export class ReadOnlyRunError extends Error {
  override readonly name = 'ReadOnlyRunError';

  constructor(run: RunRecord, action: string) {
    super(`run ${run.id} was imported from ${run.imported?.bundle ?? 'a bundle'} and is read-only: it cannot be ${action}; start a new audit of its domains instead`);
  }
}

/** Creates a pending run holding every domain, in one transaction: either the whole import is there or none. */
export function createRun(db: Database.Database, input: NewRunInput): RunRecord {
  const s = statements(db);
  const id = db.transaction(() => {
    const runId = Number(s.insertRun.run(
      input.name, storedClient(input.client), input.source ?? null, new Date().toISOString(), JSON.stringify(input.settings),
      input.toolVersion, input.resolver, input.domains.length,
    ).lastInsertRowid);
    for (const d of input.domains) s.insertDomain.run(runId, d.input, d.domain, JSON.stringify(d.tags));
    if (input.inputFile) saveRunInput(db, runId, input.inputFile);
    return runId;
  }).immediate();
  return getRun(db, id)!;
}

export function getRun(db: Database.Database, id: number): RunRecord | undefined {
  const row = statements(db).byId.get(id) as RunRow | undefined;
  return row && runRecord(row, runCounts(db, id));
}

export function runExists(db: Database.Database, id: number): boolean {
  return statements(db).exists.get(id) !== undefined;
}

/** Newest first. */
export function listRuns(db: Database.Database): RunRecord[] {
  const counts = allRunCounts(db);
  return (statements(db).all.all() as RunRow[]).map((row) => runRecord(row, counts.get(row.id) ?? { postureCounts: {}, outcomeCounts: {}, severityCounts: {} }));
}

/** Deletes the run and, through ON DELETE CASCADE, its domains, results, findings, probes and counts. */
export function deleteRun(db: Database.Database, id: number): void {
  statements(db).delete.run(id);
}

/** Sets the state and the finish time together: a state set without `finishedAt` clears it. */
export function setRunState(db: Database.Database, id: number, state: StoredRunState, finishedAt?: string): void {
  const changed = statements(db).setState.run(state, finishedAt ?? null, id).changes;
  if (changed === 0) throw new Error(`no run with id ${id}`);
}

/** The domains still to audit, in import order. */
export function pendingDomains(db: Database.Database, runId: number): { runDomainId: number; input: string; domain: string }[] {
  const rows = statements(db).pending.all(runId) as { id: number; input: string; domain: string }[];
  return rows.map((r) => ({ runDomainId: r.id, input: r.input, domain: r.domain }));
}

/** Every imported domain of the run in import order, streamed in pages. */
export function runDomains(db: Database.Database, runId: number): Iterable<RunDomain> {
  type Row = { id: number; input: string; domain: string; tags_json: string; done: number };
  const page = (after: number) => statements(db).domainsPage.all(runId, after) as Row[];
  return {
    *[Symbol.iterator]() {
      for (const r of keysetPages(page, (row) => row.id)) {
        yield { runDomainId: r.id, input: r.input, domain: r.domain, tags: JSON.parse(r.tags_json) as Record<string, string>, done: r.done === 1 };
      }
    },
  };
}

/**
 * "The previous run of the same estate": the latest earlier run (smaller id) OF THE SAME CLIENT whose domains
 * include at least half of this run's distinct domains. The client rule is a confidentiality rule, not a
 * heuristic: the workbook and the PDF made from this comparison go to the client, and a baseline from another
 * client would list that client's domains as "removed". With no earlier run of the same client there is no
 * baseline at all. Candidates are tried newest first, so the usual case (the run just before) costs one
 * indexed pass over this run's domains.
 */
export function previousRunOf(db: Database.Database, runId: number): RunRecord | undefined {
  const s = statements(db);
  const mine = s.distinctDomains.pluck().get(runId) as number;
  if (mine === 0) return undefined;
  for (const candidate of s.candidates.pluck().all(runId, mine) as number[]) {
    const shared = s.shared.pluck().get(runId, candidate) as number;
    if (shared * 2 >= mine) return getRun(db, candidate);
  }
  return undefined;
}
