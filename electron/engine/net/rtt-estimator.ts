/**
 * The retransmission time-out of one DNS server, from its measured round trips: RFC 6298 §2's smoothed RTT
 * and RTT variation (the same estimator Unbound keeps per server, infra-cache), so a retransmission after a
 * dropped answer goes out after a few round trips instead of the configured fixed time-out.
 *
 * Every attempt carries its own DNS ID, so a sample is never ambiguous (the problem Karn's algorithm solves
 * for TCP, RFC 6298 §3, does not arise). Back-off is per question (the caller doubles per retry), not per
 * server: a rate-limiting server drops some answers, and a server-wide back-off would slow every question.
 */

export interface RtoBounds {
  /** Never retransmit sooner: a recursive resolver's cold answers take far longer than its cached ones. */
  floorMs: number;
  /** Never wait longer for one attempt: the configured per-attempt time-out. */
  ceilingMs: number;
  /** Before the first sample (RFC 6298 §2.1: 1 s). */
  initialMs: number;
}

/** RFC 6298 §2.3: alpha 1/8, beta 1/4, K 4. */
const ALPHA = 1 / 8;
const BETA = 1 / 4;
const K = 4;
/** RFC 6298 §2: G, the clock granularity (performance.now() is finer; one millisecond keeps RTO above SRTT). */
const GRANULARITY_MS = 1;

export class RttEstimator {
  private srtt: number | undefined;
  private rttvar = 0;
  private samples = 0;

  constructor(private readonly bounds: RtoBounds) {}

  /** One measured round trip of an attempt that was answered. */
  sample(rttMs: number): void {
    const r = Math.max(0, rttMs);
    if (this.srtt === undefined) {
      // RFC 6298 §2.2
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      // RFC 6298 §2.3: RTTVAR first, with the old SRTT.
      this.rttvar = (1 - BETA) * this.rttvar + BETA * Math.abs(this.srtt - r);
      this.srtt = (1 - ALPHA) * this.srtt + ALPHA * r;
    }
    this.samples++;
  }

  /** The time-out of a first attempt to this server, within the floor and the ceiling. */
  rto(): number {
    const { floorMs, ceilingMs, initialMs } = this.bounds;
    const raw = this.srtt === undefined ? initialMs : this.srtt + Math.max(GRANULARITY_MS, K * this.rttvar);
    return Math.min(ceilingMs, Math.max(floorMs, raw));
  }

  /** The time-out of retry `n` (0 = first attempt): doubled per retry (RFC 6298 §5.5), capped at the ceiling. */
  backedOff(n: number): number {
    return Math.min(this.bounds.ceilingMs, this.rto() * 2 ** n);
  }

  get smoothedMs(): number | undefined {
    return this.srtt;
  }

  get sampleCount(): number {
    return this.samples;
  }
}
