/**
 * Time left from the observed rate and the remaining domains' kinds. Domains differ by an order of magnitude
 * in how long they take: one without MX is a few DNS answers; one with MX waits on STARTTLS probes of every
 * mail server, and one with an MTA-STS record also on the HTTPS policy fetch; a domain whose DNS fails waits
 * out its time-outs. A rate in domains per second is only right while the domains ahead are like the ones
 * behind; a list sorted by owner or by domain often is not.
 *
 * So the estimate is in work, not domains. Each finished domain gives its kind and its duration; the
 * effective parallelism is the summed durations over the elapsed time (what the concurrency really achieves,
 * shared limiters and idle workers included); the work left is, per remaining domain, the mean duration of
 * its kind. A remaining domain's kind is known when an earlier audit of the client saw it (audit again, a
 * scheduled re-audit); otherwise it counts at the mean of the domains done, which makes the estimate the
 * plain rate's: remaining × mean / (Σ durations / elapsed) = remaining / (done / elapsed).
 */
import type { Posture } from '../../shared/types';

export const DOMAIN_KINDS = ['no-mx', 'mx-no-policy', 'mx-policy', 'error'] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];

/** What a domain makes the audit wait for, from the summary columns a stored result keeps. */
export function domainKind(posture: Posture, mxCount: number): DomainKind {
  if (posture === 'error') return 'error';
  if (mxCount === 0) return 'no-mx';
  return posture === 'absent' ? 'mx-no-policy' : 'mx-policy';
}

/** A kind's own mean is used once this many of its domains are done; before that, the mean of all. */
const MIN_SAMPLES = 3;
/** Completions the recent parallelism is measured over. */
const RECENT_WINDOW = 50;

export class EtaModel {
  /** Remaining domains per expected kind ('unknown': never seen before). */
  private readonly ahead = new Map<DomainKind | 'unknown', number>();
  private readonly expected: ReadonlyMap<number, DomainKind>;
  private readonly sums = new Map<DomainKind, { n: number; ms: number }>();
  private doneMs = 0;
  private done = 0;
  /** The latest completions: when each ended and how long it took. */
  private readonly recent: { at: number; ms: number }[] = [];

  /** `items`: the domains to audit (by run entry id); `expected`: the kinds an earlier audit saw. */
  constructor(items: readonly number[], expected: ReadonlyMap<number, DomainKind> = new Map()) {
    this.expected = expected;
    for (const id of items) this.bump(expected.get(id) ?? 'unknown', 1);
  }

  private bump(kind: DomainKind | 'unknown', by: number): void {
    this.ahead.set(kind, Math.max(0, (this.ahead.get(kind) ?? 0) + by));
  }

  /** A domain finished at `atMs` (any monotonic clock), of `kind`, after `durationMs`. */
  completed(id: number, kind: DomainKind, durationMs: number, atMs: number): void {
    this.bump(this.expected.get(id) ?? 'unknown', -1);
    const s = this.sums.get(kind) ?? { n: 0, ms: 0 };
    this.sums.set(kind, { n: s.n + 1, ms: s.ms + durationMs });
    this.doneMs += durationMs;
    this.done++;
    this.recent.push({ at: atMs, ms: durationMs });
    if (this.recent.length > RECENT_WINDOW) this.recent.shift();
  }

  /** Expected milliseconds of audit work left: per remaining domain, the mean of its kind. */
  workLeftMs(): number {
    const overall = this.doneMs / Math.max(1, this.done);
    let work = 0;
    for (const [kind, count] of this.ahead) {
      const s = kind === 'unknown' ? undefined : this.sums.get(kind);
      work += count * (s && s.n >= MIN_SAMPLES ? s.ms / s.n : overall);
    }
    return work;
  }

  /**
   * Seconds left at the session's parallelism and at the recent one (the last RECENT_WINDOW completions),
   * or null until a domain is done.
   */
  estimates(elapsedMs: number, nowMs: number): { session: number; recent: number } | null {
    if (this.done === 0 || this.doneMs <= 0 || elapsedMs <= 0) return null;
    const work = this.workLeftMs();
    const session = work / (this.doneMs / elapsedMs) / 1000;
    let recent = session;
    if (this.recent.length >= 2) {
      // The first completion of the window only marks its start; the work is that of the ones after it.
      const span = nowMs - this.recent[0]!.at;
      const ms = this.recent.slice(1).reduce((a, r) => a + r.ms, 0);
      if (span > 0 && ms > 0) recent = work / (ms / span) / 1000;
    }
    return { session, recent };
  }
}
