/**
 * The latency-bound ideal: with C audits in flight and a per-domain critical path of L seconds, no tool can
 * beat C / mean(L) domains per second. L is the longest chain of round trips a complete audit of that domain
 * must make one after the other, priced with the lab's injected latencies (loopback adds nothing else):
 *
 *   MX chain      MX query → A/AAAA → max(TLSA query, STARTTLS probe)   a probe costs 4 SMTP replies
 *                 (greeting, EHLO, STARTTLS, EHLO after TLS); a provider MX shared by many domains is probed
 *                 once per run, so its cost is amortised to nothing.
 *   policy chain  A of mta-sts.<d> → one HTTPS response               (when the host exists)
 *   record chain  _mta-sts TXT → misplaced-record hints               (only when no record is published)
 *   TLS-RPT chain _smtp._tls TXT → report domain or wrong-location hints
 *
 * Everything else (DNSSEC control, the second SMTP session without SNI) runs in parallel with these.
 */
import type { Archetype } from '../lab/estate/generated';

export interface Latency {
  dnsMs: number;
  httpMs: number;
  smtpMs: number;
}

/** Critical path in ms of one domain of the generated estate. */
export function criticalPathMs(kind: Archetype, l: Latency): number {
  const d = l.dnsMs;
  const probe = 4 * l.smtpMs;
  const sharedMx = 2 * d + d; // MX, A/AAAA, then TLSA (the shared probe is already done)
  const ownMx = 2 * d + Math.max(d, probe);
  const policy = d + l.httpMs;
  const noPolicyHost = d; // NXDOMAIN for mta-sts.<d>: nothing to fetch
  const noRecord = 2 * d; // TXT, then the hints in one round
  const rpt = 2 * d;
  switch (kind) {
    case 'enforce':
    case 'testing':
    case 'none':
    case 'invalid':
    case 'no-rpt':
      return Math.max(sharedMx, policy, d, rpt);
    case 'absent':
      return Math.max(sharedMx, noPolicyHost, noRecord, rpt);
    case 'own-mx':
    case 'own-mx-uncovered':
      return Math.max(ownMx, policy, d, rpt);
    case 'null-mx':
      return Math.max(d, noPolicyHost, noRecord, rpt);
  }
}

/** Domains per second no tool can beat at this concurrency. */
export function idealRate(kinds: Archetype[], concurrency: number, l: Latency): { meanPathMs: number; perSecond: number } {
  const meanPathMs = kinds.reduce((sum, k) => sum + criticalPathMs(k, l), 0) / Math.max(1, kinds.length);
  return { meanPathMs, perSecond: concurrency / (meanPathMs / 1000) };
}
