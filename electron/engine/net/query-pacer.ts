/**
 * A ceiling on the questions per second sent to one DNS server: a token bucket refilled at the ceiling, with
 * room for a tenth of a second's worth at once (timers fire late on a busy event loop; the bucket lets the
 * pace catch up without exceeding ceiling + burst in any second). Questions wait in line for their slot;
 * retransmissions go before fresh questions, since the question they repeat has waited longest.
 */

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class PacerAborted extends Error {
  override name = 'PacerAborted';
}

export class QueryPacer {
  private tokens: number;
  private readonly burst: number;
  private last: number;
  private readonly urgent: Waiter[] = [];
  private readonly normal: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly perSecond: number, private readonly now: () => number = () => performance.now()) {
    if (!(perSecond > 0)) throw new Error('a query ceiling must be above 0 per second');
    this.burst = Math.max(1, Math.ceil(perSecond / 10));
    this.tokens = this.burst;
    this.last = now();
  }

  /** Questions waiting for a slot. */
  get waiting(): number {
    return this.urgent.length + this.normal.length;
  }

  /** When the next slot is free, in ms from now (0 = at once): lets a caller pick the least busy server. */
  delayMs(): number {
    this.refill();
    const ahead = this.waiting + 1 - this.tokens;
    return ahead <= 0 ? 0 : (ahead * 1000) / this.perSecond;
  }

  /** Resolves when this question may be sent; rejects with PacerAborted if `signal` aborts first. */
  acquire(retransmission = false, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new PacerAborted('query ended while waiting for its slot'));
    this.refill();
    if (this.waiting === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { resolve, reject, signal };
      const line = retransmission ? this.urgent : this.normal;
      if (signal) {
        w.onAbort = () => {
          const i = line.indexOf(w);
          if (i >= 0) line.splice(i, 1);
          reject(new PacerAborted('query ended while waiting for its slot'));
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      line.push(w);
      this.schedule();
    });
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.perSecond) / 1000);
    this.last = t;
  }

  private pump(): void {
    this.timer = undefined;
    this.refill();
    while (this.tokens >= 1 && this.waiting > 0) {
      const w = (this.urgent.length > 0 ? this.urgent : this.normal).shift()!;
      this.tokens -= 1;
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.waiting === 0) return;
    const ms = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.perSecond));
    this.timer = setTimeout(() => this.pump(), ms);
  }
}
