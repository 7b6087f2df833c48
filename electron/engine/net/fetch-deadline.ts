/**
 * One deadline for a whole policy fetch (CHECKS §4.1: 60 s from connect to the last body byte), shared by every
 * address and every retry. Only time spent with the host counts: a fetch waiting its turn at a busy shared
 * address (the run's per-IP politeness queue) has its clock stopped, so our own queue cannot time a host out.
 */
export class FetchDeadline {
  private spent = 0;
  private since: number | undefined;

  constructor(readonly budgetMs: number, private readonly clock: () => number = () => performance.now()) {}

  /** Runs `work` on the clock: the time it takes counts against the deadline. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.since = this.clock();
    try {
      return await work();
    } finally {
      this.spent += this.clock() - this.since;
      this.since = undefined;
    }
  }

  /** Time spent with the host so far (ms, fractional). */
  elapsed(): number {
    return this.spent + (this.since === undefined ? 0 : this.clock() - this.since);
  }

  /** Time left before the deadline (ms, fractional; ≤ 0 when it has passed). */
  remaining(): number {
    return this.budgetMs - this.elapsed();
  }

  expired(): boolean {
    return this.remaining() <= 0;
  }
}

/** Durations in messages and evidence are whole milliseconds. */
export function wholeMs(ms: number): number {
  return Math.max(0, Math.round(ms));
}

/** "1,234" in messages people read. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "6 s", "2.5 s", "375 ms". */
export function seconds(ms: number): string {
  const whole = wholeMs(ms);
  return whole < 1000 ? `${whole} ms` : `${Number((whole / 1000).toFixed(1)).toLocaleString('en-US')} s`;
}
