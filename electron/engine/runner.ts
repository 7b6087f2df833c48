/**
 * Runs many domain audits with bounded concurrency, cancel, and progress events. Persistence is injected
 * (`save`), so the runner knows nothing of SQLite; politeness towards shared MX hosts lives in the shared
 * SMTP prober (one probe per host/address per run, capped connections) and the shared DNS cache.
 */
import type { DomainResult, Outcome, Posture, RunProgress, Severity } from '../../shared/types';
import { resultOutcome } from '../../shared/outcome';
import type { AuditContext } from './context';
import { auditDomain } from './audit-domain';
import { finding } from './finding';
import { domainKind, EtaModel, type DomainKind } from './eta';

export interface RunItem {
  runDomainId: number;
  /** The cell as imported (an e-mail address, a URL...), kept on the result. */
  input: string;
  /** The normalised domain to audit. */
  domain: string;
}

export type { RunProgress };

export interface RunnerOptions {
  concurrency: number;
  /** Totals from an earlier session of the same run (resume). */
  already?: { done: number; postureCounts: Partial<Record<Posture, number>>; outcomeCounts: Partial<Record<Outcome, number>>; severityCounts: Partial<Record<Severity, number>> };
  total: number;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Minimum interval between progress events (the last one is always sent). */
  progressIntervalMs?: number;
  /** Called with each result before it is saved (run comparisons add findings here). */
  enrich?: (result: DomainResult) => DomainResult;
  /**
   * After an abort, how long audits already in flight may take to finish and be saved. Those still running
   * then are left pending, for the resume to audit again; a pause does not wait out a minute-long time-out.
   */
  abortGraceMs?: number;
  /** What an earlier audit saw of some of the domains (by run entry id): the time-left estimate weighs them (eta.ts). */
  expectedKinds?: ReadonlyMap<number, DomainKind>;
}

const ABORT_GRACE_MS = 3000;
/** In-flight domains listed in progress events: the slowest few are what a user waits for. */
export const IN_FLIGHT_SHOWN = 5;
/**
 * Time left as a range: from the lower to the higher of two estimates (eta.ts: the work left at the session's
 * and at the recent parallelism), widened by 1 + 2/√done (a rate from 4 domains says little, from 1,000 a
 * lot), never by less than 15 %. Early rates mislead in both directions (a run starts with the fast domains'
 * answers and ends waiting on time-outs), so one figure would be false precision.
 */
export function etaRangeOf(estimatesSec: number[], done: number): [number, number] | null {
  const usable = estimatesSec.filter((e) => e >= 0 && Number.isFinite(e));
  if (usable.length === 0 || done === 0) return null;
  const spread = Math.max(1.15, 1 + 2 / Math.sqrt(done));
  return [Math.round(Math.min(...usable) / spread), Math.round(Math.max(...usable) * spread)];
}

/** The range for `remaining` domains at two rates (domains per second): the estimate when no kind is known. */
export function etaRange(remaining: number, sessionRate: number, recentRate: number, done: number): [number, number] | null {
  if (remaining <= 0) return [0, 0];
  return etaRangeOf([sessionRate, recentRate].filter((r) => r > 0 && Number.isFinite(r)).map((r) => remaining / r), done);
}

export interface RunOutcome {
  completed: boolean;
  progress: RunProgress;
}

export async function runAudits(items: RunItem[], ctx: AuditContext, save: (item: RunItem, r: DomainResult) => void, opts: RunnerOptions): Promise<RunOutcome> {
  const started = performance.now();
  const postureCounts = { ...opts.already?.postureCounts };
  const outcomeCounts = { ...opts.already?.outcomeCounts };
  const severityCounts = { ...opts.already?.severityCounts };
  const base = opts.already?.done ?? 0;
  let doneThisSession = 0;
  let lastEmit = 0;
  let last: RunProgress['last'];
  // Domains being audited: when each started and what it still waits on (auditDomain keeps the set).
  const inFlight = new Map<RunItem, { domain: string; started: number; waiting: Set<string> }>();
  const eta = new EtaModel(items.map((i) => i.runDomainId), opts.expectedKinds);

  const progress = (): RunProgress => {
    const elapsedMs = performance.now() - started;
    const ratePerSec = doneThisSession / Math.max(elapsedMs / 1000, 0.001);
    const remaining = opts.total - base - doneThisSession;
    const now = performance.now();
    const estimate = eta.estimates(elapsedMs, now);
    const slowest = [...inFlight.values()].sort((a, b) => a.started - b.started).slice(0, IN_FLIGHT_SHOWN)
      .map((f) => ({ domain: f.domain, elapsedMs: Math.round(now - f.started), waitingOn: [...f.waiting] }));
    return {
      done: base + doneThisSession, total: opts.total, doneThisSession, ratePerSec, elapsedMs: Math.round(elapsedMs),
      etaSec: remaining <= 0 ? 0 : estimate ? Math.round(estimate.session) : null, postureCounts: { ...postureCounts }, outcomeCounts: { ...outcomeCounts }, severityCounts: { ...severityCounts }, last,
      inFlightCount: inFlight.size, inFlight: slowest,
      etaRangeSec: remaining <= 0 ? [0, 0] : remaining <= inFlight.size ? undefined : estimate && etaRangeOf([estimate.session, estimate.recent], doneThisSession),
    };
  };
  const emit = (force = false) => {
    const now = performance.now();
    if (!opts.onProgress || (!force && now - lastEmit < (opts.progressIntervalMs ?? 100))) return;
    lastEmit = now;
    try {
      opts.onProgress(progress());
    } catch {
      // A failing progress listener (a closed window) must not stop or lose the audit.
    }
  };
  const enrich = (result: DomainResult): DomainResult => {
    if (!opts.enrich) return result;
    try {
      return opts.enrich(result);
    } catch (e) {
      // The audit stands; only its comparison with the previous run is missing, and the result says so.
      const err = e as Error;
      return { ...result, findings: [...result.findings, finding('AUDIT_INTERNAL_ERROR', `comparison with the previous run failed: ${err.name}: ${err.message}`.slice(0, 500))] };
    }
  };

  let next = 0;
  // A failed save (disk full, database locked) stops every worker: auditing on without storing loses work.
  // Anything else unexpected stops the run the same way, once every worker has ended, never half-way.
  let failure: { error: unknown } | undefined;
  // Set once the runner has returned: an audit finishing later is not saved (its domain stays pending).
  let abandoned = false;
  async function worker(): Promise<void> {
    while (next < items.length && !opts.signal?.aborted && failure === undefined) {
      const item = items[next++]!;
      const flight = { domain: item.domain || item.input, started: performance.now(), waiting: new Set<string>() };
      inFlight.set(item, flight);
      try {
        // An input the importer could not make a domain of is audited as written, so its error quotes it.
        const audited = await auditDomain(item.domain || item.input, ctx, flight.waiting);
        inFlight.delete(item);
        const ended = performance.now();
        eta.completed(item.runDomainId, domainKind(audited.posture, audited.mx.length), ended - flight.started, ended);
        if (abandoned) return;
        const result = enrich({ ...audited, input: item.input });
        save(item, result);
        count(result);
      } catch (error) {
        inFlight.delete(item);
        failure ??= { error };
        return;
      }
      emit();
    }
  }
  function count(result: DomainResult): void {
    doneThisSession++;
    postureCounts[result.posture] = (postureCounts[result.posture] ?? 0) + 1;
    for (const f of result.findings) severityCounts[f.severity] = (severityCounts[f.severity] ?? 0) + 1;
    const { outcome } = resultOutcome(result);
    outcomeCounts[outcome] = (outcomeCounts[outcome] ?? 0) + 1;
    last = { domain: result.domain || result.input, posture: result.posture, outcome };
  }
  const workers = Math.max(1, Math.min(opts.concurrency, items.length));
  const all = Promise.all(Array.from({ length: workers }, worker));
  const grace = graceAfterAbort(opts.signal, opts.abortGraceMs ?? ABORT_GRACE_MS);
  // While slow domains hold the run and nothing completes, the in-flight list still ages once a second.
  const ticker = opts.onProgress ? setInterval(() => emit(), 1000) : undefined;
  ticker?.unref?.();
  try {
    await Promise.race([all, grace.elapsed]);
  } finally {
    clearInterval(ticker);
  }
  grace.cancel();
  abandoned = true;
  emit(true);
  if (failure !== undefined) throw failure.error;
  return { completed: doneThisSession === items.length, progress: progress() };
}

/** `elapsed` resolves `graceMs` after `signal` aborts (never without a signal); `cancel` drops the timer. */
function graceAfterAbort(signal: AbortSignal | undefined, graceMs: number): { elapsed: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const elapsed = new Promise<void>((resolve) => {
    if (!signal) return;
    onAbort = () => {
      timer = setTimeout(resolve, graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return {
    elapsed,
    cancel: () => {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    },
  };
}
