/** Store and engine values mapped onto the contract's view types (shared/ipc.ts). */
import { CHANGE_CLASSES, type ChangeClass } from '../../shared/changes';
import type { ComparisonRow, ComparisonView, RunSummary } from '../../shared/ipc';
import type { RunRecord } from '../../shared/types';
import type { DomainComparison } from '../engine/compare';

export function runSummary(info: RunRecord, active: boolean): RunSummary {
  // Stored as running while nothing executes it: the app quit or crashed mid-run.
  const state = info.state === 'running' && !active ? 'interrupted' : info.state;
  return {
    id: info.id, name: info.name, client: info.client ?? undefined, createdAt: info.createdAt, finishedAt: info.finishedAt ?? undefined,
    state, active, settings: info.settings, toolVersion: info.toolVersion, resolver: info.resolver, source: info.source ?? undefined,
    total: info.total, done: info.done, postureCounts: info.postureCounts, outcomeCounts: info.outcomeCounts, severityCounts: info.severityCounts,
    ...(info.imported && { imported: info.imported }),
  };
}

/** `runA` and `runB` in date order (run-service's orderRuns); every domain counted in its change class. */
export function comparisonView(runA: RunSummary, runB: RunSummary, all: Iterable<DomainComparison>): ComparisonView {
  const rows: ComparisonRow[] = [];
  const counts = { compared: 0, ...Object.fromEntries(CHANGE_CLASSES.map((c) => [c, 0])) } as Record<ChangeClass, number> & { compared: number };
  for (const c of all) {
    counts.compared++;
    counts[c.changeClass]++;
    // A new id or max_age changes no outcome but is still worth seeing.
    if (c.changeClass !== 'unchanged' || c.changes.length > 0) rows.push(c);
  }
  // Worst news first, then alphabetical.
  rows.sort((a, b) => CHANGE_CLASSES.indexOf(a.changeClass) - CHANGE_CLASSES.indexOf(b.changeClass) || a.domain.localeCompare(b.domain));
  return { runA, runB, rows, counts };
}
