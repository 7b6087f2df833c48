/**
 * Batch audits against the store: create a run from imported rows, execute or resume it, and compare runs.
 * Shared by the CLI and the app's handlers. Results are group-committed (result-writer.ts): each domain's
 * result and its done flag are always in one transaction, so a run killed at any moment resumes with exactly
 * the domains still pending.
 */
import type Database from 'better-sqlite3';
import type { AuditSettings, DomainResult } from '../shared/types';
import { createAuditContext, TOOL_VERSION } from './engine/context';
import { runAudits, type RunProgress } from './engine/runner';
import { comparisonFindings } from './engine/compare';
import { createRun, getRun, pendingDomains, ReadOnlyRunError, setRunState, type NewRunInput } from './store/runs';
import type { RunRecord } from '../shared/types';
import { previousResultOf, previousSummaries } from './store/results';
import { domainKind, type DomainKind } from './engine/eta';
import { ResultWriter } from './store/result-writer';
import { recallProbe } from './store/mx-probes';

/** A run to create: what the store takes (NewRunInput) less what the service fills in itself (tool version, resolver). */
export type NewRun = Omit<NewRunInput, 'toolVersion' | 'resolver'>;

export interface ExecuteOptions {
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Set by the caller that aborts to pause rather than cancel. */
  pauseRequested?: () => boolean;
  /** Network settings to change for this session (e.g. a resolver given on resume). */
  settingsOverride?: Partial<AuditSettings>;
}

export function resolverLabel(settings: AuditSettings): string {
  return settings.resolvers.length > 0 ? settings.resolvers.join(', ') : 'system resolvers';
}

export function startNewRun(db: Database.Database, input: NewRun): RunRecord {
  // An audit of nothing would be stored as completed and look like a clean result; the importer already refuses
  // such a list (NO_DOMAINS), this is the same rule at the one place runs are made.
  if (input.domains.length === 0) throw new Error('no domains to audit');
  return createRun(db, {
    name: input.name, client: input.client, source: input.source, settings: input.settings,
    toolVersion: TOOL_VERSION, resolver: resolverLabel(input.settings), domains: input.domains, inputFile: input.inputFile,
  });
}

/** Runs (or resumes) every pending domain of a run. */
export async function executeRun(db: Database.Database, runId: number, opts: ExecuteOptions): Promise<{ run: RunRecord; completed: boolean; progress: RunProgress }> {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run with id ${runId}`);
  // Opened from a bundle: someone else's signed audit, never continued here (it would change what was signed).
  if (run.imported) throw new ReadOnlyRunError(run, 'resumed or audited again');
  const items = pendingDomains(db, runId).map((d) => ({ runDomainId: d.runDomainId, input: d.input, domain: d.domain }));
  // A probe stored earlier in this run (before a pause, a crash) is reused, so evidence and findings agree;
  // unless this session changes the network settings (a resolver, a CA, time-outs): then it probes anew.
  const changesNetwork = Object.entries(opts.settingsOverride ?? {}).some(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(run.settings[key as keyof AuditSettings]));
  const recall = changesNetwork ? undefined : (host: string, address: string, port: number) => recallProbe(db, runId, host, address, port);
  const ctx = createAuditContext({ ...run.settings, ...opts.settingsOverride }, { recallProbe: recall });
  setRunState(db, runId, 'running');
  // The run-comparison findings (CHECKS §1.1) compare each domain with the last time an earlier run of the
  // same client saw it; another client's audit of the domain never shows in this client's report.
  const enrich = (r: DomainResult): DomainResult => {
    const before = r.domain ? previousResultOf(db, runId, r.domain) : undefined;
    return before ? { ...r, findings: [...r.findings, ...comparisonFindings(before, r)] } : r;
  };
  // The time left weighs the domains ahead by what an earlier audit of the client saw of them (engine/eta.ts).
  const expectedKinds = new Map<number, DomainKind>([...previousSummaries(db, runId, items)].map(([id, s]) => [id, domainKind(s.posture, s.mxCount)]));
  const writer = new ResultWriter(db, runId);
  let outcome: Awaited<ReturnType<typeof runAudits>>;
  try {
    outcome = await runAudits(items, ctx, (item, r) => writer.add(item.runDomainId, r), {
      concurrency: opts.concurrency, total: run.total, signal: opts.signal, onProgress: opts.onProgress, enrich, expectedKinds,
      already: { done: run.done, postureCounts: run.postureCounts, outcomeCounts: run.outcomeCounts, severityCounts: run.severityCounts },
    });
  } finally {
    // Whatever stopped the run, what was audited is committed before the state changes.
    writer.flush();
  }
  const state = outcome.completed ? 'completed' : opts.pauseRequested?.() ? 'paused' : 'cancelled';
  setRunState(db, runId, state, outcome.completed ? new Date().toISOString() : undefined);
  return { run: getRun(db, runId)!, completed: outcome.completed, progress: outcome.progress };
}
