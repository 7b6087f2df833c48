/** Store and engine values mapped onto the contract's view types (shared/ipc.ts). */
import type { ChangeDirection, ComparisonRow, ComparisonView, RunSummary } from '../../shared/ipc';
import type { RunInfo } from '../store/runs';
import type { DomainComparison } from '../engine/compare';

export function runSummary(info: RunInfo, active: boolean): RunSummary {
  // Stored as running while nothing executes it: the app quit or crashed mid-run.
  const state = info.state === 'running' && !active ? 'interrupted' : info.state;
  return {
    id: info.id, name: info.name, client: info.client ?? undefined, createdAt: info.createdAt, finishedAt: info.finishedAt ?? undefined,
    state, active, settings: info.settings, toolVersion: info.toolVersion, resolver: info.resolver, source: info.source ?? undefined,
    total: info.total, done: info.done, postureCounts: info.postureCounts, severityCounts: info.severityCounts,
  };
}

function direction(c: DomainComparison): ChangeDirection {
  const kinds = new Set(c.changes.map((x) => x.kind));
  if (kinds.has('added')) return 'added';
  if (kinds.has('removed')) return 'removed';
  if (kinds.has('posture-down') || kinds.has('removed-without-none')) return 'worsened';
  if (kinds.has('posture-up')) return 'improved';
  return 'changed';
}

const isChanged = (c: DomainComparison) => c.changes.length > 0 || c.newFindings.length > 0 || c.resolvedFindings.length > 0;

export function comparisonView(runA: RunSummary, runB: RunSummary, all: Iterable<DomainComparison>): ComparisonView {
  const rows: ComparisonRow[] = [];
  const counts = { compared: 0, unchanged: 0, improved: 0, worsened: 0, added: 0, removed: 0, changed: 0 };
  for (const c of all) {
    counts.compared++;
    if (!isChanged(c)) {
      counts.unchanged++;
      continue;
    }
    const row: ComparisonRow = { ...c, direction: direction(c) };
    counts[row.direction]++;
    rows.push(row);
  }
  // Worst news first, then alphabetical.
  const order: Record<ChangeDirection, number> = { worsened: 0, removed: 1, changed: 2, added: 3, improved: 4 };
  rows.sort((a, b) => order[a.direction] - order[b.direction] || a.domain.localeCompare(b.domain));
  return { runA, runB, rows, counts };
}
