/**
 * Two runs of the store compared domain by domain (CHECKS §7.3), streamed: the one place both the handlers
 * and the exporters read a comparison from. The judging itself is the engine's (engine/compare.ts).
 */
import type Database from 'better-sqlite3';
import { compareDomain, type DomainComparison } from '../engine/compare';
import type { RunRecord } from '../../shared/types';
import { getRun, runDomains } from './runs';
import { getResult, iterateResults } from './results';

/**
 * Two runs in the order of their dates (then ids), whatever order they were named in: a comparison always
 * reads from the earlier audit to the later one (CHECKS §7.3).
 */
export function orderRuns(db: Database.Database, a: number, b: number): [RunRecord, RunRecord] {
  const ra = getRun(db, a);
  const rb = getRun(db, b);
  if (!ra) throw new Error(`no run with id ${a}`);
  if (!rb) throw new Error(`no run with id ${b}`);
  const later = rb.createdAt > ra.createdAt || (rb.createdAt === ra.createdAt && rb.id >= ra.id);
  return later ? [ra, rb] : [rb, ra];
}

/**
 * Per-domain differences between two runs (runA the earlier: see orderRuns), in the later run's order, then
 * domains only in the earlier one.
 * Streams both runs: only the domain names of the later run are held, never a whole run's evidence.
 */
export function* compareRuns(db: Database.Database, runA: number, runB: number): Generator<DomainComparison> {
  const seen = new Set<string>();
  for (const { result } of iterateResults(db, runB)) {
    if (!result.domain || seen.has(result.domain)) continue;
    seen.add(result.domain);
    yield compareDomain(result.domain, getResult(db, runA, result.domain), result);
  }
  for (const d of runDomains(db, runA)) {
    if (!d.domain || seen.has(d.domain)) continue;
    seen.add(d.domain);
    const before = getResult(db, runA, d.domain);
    if (before) yield compareDomain(d.domain, before, undefined);
  }
}
