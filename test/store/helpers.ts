/**
 * Shared set-up for store tests: real SQLite files in a temp dir, runs built from fixture domains, and an
 * independent consistency check written in plain SQL (it does not trust the store's own readers).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS } from '../../shared/types';
import { openDatabase } from '../../electron/store/db';
import { createRun, pendingDomains } from '../../electron/store/runs';
import type { RunRecord as RunInfo } from '../../shared/types';
import { saveResult } from '../../electron/store/results';
import { makeResult, type FixtureOptions } from './fixtures/domain-results';

export interface TempStore {
  dir: string;
  file: string;
  db: Database.Database;
  /** Closes the connection (if open) and removes the directory. */
  cleanup(): void;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-store-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function tempStore(): TempStore {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'audits.sqlite');
  const db = openDatabase(file);
  return {
    dir, file, db,
    cleanup() {
      if (db.open) db.close();
      cleanup();
    },
  };
}

/** Tags as an import would give them: the domain's owner team and a row number. */
export const tagsOf = (domain: string, i: number): Record<string, string> => ({ owner: `team-${domain.length % 3}`, row: String(i + 2) });

/** A run of `domains`; each input cell is the fixture's (sometimes an e-mail address), unless given. */
export function newRun(db: Database.Database, domains: string[], name = 'estate audit', inputs?: string[]): RunInfo {
  return createRun(db, {
    name, client: 'ACME Corp', source: 'estate.xlsx', settings: { ...DEFAULT_SETTINGS, resolvers: ['127.0.0.1:5353'] },
    toolVersion: '0.1.0', resolver: '127.0.0.1:5353',
    domains: domains.map((domain, i) => ({ input: inputs?.[i] ?? makeResult(domain).input, domain, tags: tagsOf(domain, i) })),
  });
}

/** Saves the fixture result of every pending domain (or the first `limit`), with the run's input cell as the runner does. */
export function savePending(db: Database.Database, runId: number, opts: FixtureOptions = {}, limit = Infinity): number {
  let saved = 0;
  for (const d of pendingDomains(db, runId)) {
    if (saved >= limit) break;
    saveResult(db, runId, d.runDomainId, { ...makeResult(d.domain, opts), input: d.input });
    saved++;
  }
  return saved;
}

/**
 * Everything that must hold for a run after any crash: each domain is either done with exactly one result,
 * its evidence and all its findings, or pending with nothing; the run's tallies match its rows.
 * Returns the problems found (empty when consistent).
 */
export function consistencyProblems(db: Database.Database, runId: number): string[] {
  const problems: string[] = [];
  const q = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;

  for (const r of q<{ id: number; done: number; n: number }>(
    'SELECT d.id, d.done, (SELECT count(*) FROM results r WHERE r.run_domain_id = d.id) AS n FROM run_domains d WHERE d.run_id = ?', runId,
  )) {
    if (r.n !== r.done) problems.push(`run_domain ${r.id}: done=${r.done} but ${r.n} result rows`);
  }
  for (const r of q<{ id: number; finding_count: number; n: number; e: number }>(
    `SELECT r.id, r.finding_count, (SELECT count(*) FROM findings f WHERE f.result_id = r.id) AS n,
            (SELECT count(*) FROM result_evidence e WHERE e.result_id = r.id) AS e FROM results r WHERE r.run_id = ?`, runId,
  )) {
    if (r.n !== r.finding_count) problems.push(`result ${r.id}: ${r.finding_count} findings expected, ${r.n} stored`);
    if (r.e !== 1) problems.push(`result ${r.id}: ${r.e} evidence rows`);
  }
  const done = one('SELECT done FROM runs WHERE id = ?', runId);
  const results = one('SELECT count(*) FROM results WHERE run_id = ?', runId);
  const flagged = one('SELECT count(*) FROM run_domains WHERE run_id = ? AND done = 1', runId);
  if (done !== results || done !== flagged) problems.push(`runs.done=${done}, results=${results}, done flags=${flagged}`);

  const counted = (kind: string) => Object.fromEntries(q<{ name: string; count: number }>('SELECT name, count FROM run_counts WHERE run_id = ? AND kind = ? AND count > 0', runId, kind).map((r) => [r.name, r.count]));
  const postures = Object.fromEntries(q<{ posture: string; n: number }>('SELECT posture, count(*) AS n FROM results WHERE run_id = ? GROUP BY posture', runId).map((r) => [r.posture, r.n]));
  const severities = Object.fromEntries(q<{ severity: string; n: number }>('SELECT severity, count(*) AS n FROM findings WHERE run_id = ? GROUP BY severity', runId).map((r) => [r.severity, r.n]));
  if (JSON.stringify(sorted(counted('posture'))) !== JSON.stringify(sorted(postures))) problems.push(`posture counts ${JSON.stringify(counted('posture'))} vs rows ${JSON.stringify(postures)}`);
  if (JSON.stringify(sorted(counted('severity'))) !== JSON.stringify(sorted(severities))) problems.push(`severity counts ${JSON.stringify(counted('severity'))} vs rows ${JSON.stringify(severities)}`);
  const outcomes = Object.fromEntries(q<{ outcome: string; n: number }>('SELECT outcome, count(*) AS n FROM results WHERE run_id = ? GROUP BY outcome', runId).map((r) => [r.outcome, r.n]));
  if (JSON.stringify(sorted(counted('outcome'))) !== JSON.stringify(sorted(outcomes))) problems.push(`outcome counts ${JSON.stringify(counted('outcome'))} vs rows ${JSON.stringify(outcomes)}`);

  const fk = q('PRAGMA foreign_key_check');
  if (fk.length > 0) problems.push(`foreign key violations: ${JSON.stringify(fk.slice(0, 3))}`);
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  return problems;
}

function sorted(o: Record<string, number>): [string, number][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
}
