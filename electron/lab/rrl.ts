/**
 * Response-rate limiting as an authoritative server does it (nsd's RRL, after BIND's): UDP responses are
 * counted per bucket per second; past the rate a response is dropped, except every `slip`-th one, which goes
 * out as an empty answer with TC=1 so that a real client can still get through over TCP (RFC 7766 §5). TCP is
 * never limited: the three-way handshake proves the source address, which is what RRL guards against.
 *
 * Buckets, as nsd keys them: the client's network (IPv4 /24, IPv6 /56) and the kind of response; a positive
 * answer counts against its own name and type, while every NXDOMAIN and every NODATA of one zone share the
 * zone's bucket. nsd's defaults are 200 responses per second per bucket and slip 2.
 */
import net from 'node:net';

export interface RrlOptions {
  /** Responses per second per bucket (nsd rrl-ratelimit; default 200). */
  responsesPerSecond?: number;
  /** Every this-many limited response is answered with TC=1, the others dropped (nsd rrl-slip; default 2). */
  slip?: number;
}

export type RrlVerdict = 'send' | 'slip' | 'drop';

export interface RrlCounters {
  sent: number;
  slipped: number;
  dropped: number;
}

interface Bucket {
  second: number;
  count: number;
  limited: number;
}

/** Negative answers share a bucket per zone; the lab has no zone cuts, so a name's zone is its last two labels. */
export function zoneOf(name: string): string {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  return labels.slice(-2).join('.') || '.';
}

function network(address: string): string {
  if (net.isIPv4(address)) return address.split('.').slice(0, 3).join('.');
  // The lab only ever sees ::1: the whole address stands for its /56.
  return address.toLowerCase();
}

export class ResponseRateLimiter {
  readonly counters: RrlCounters = { sent: 0, slipped: 0, dropped: 0 };
  private readonly rate: number;
  private readonly slip: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(opts: RrlOptions = {}, private readonly now: () => number = () => Date.now()) {
    this.rate = opts.responsesPerSecond ?? 200;
    this.slip = opts.slip ?? 2;
  }

  /** What to do with one UDP response of the given kind. */
  verdict(client: string, qname: string, qtype: string, kind: 'positive' | 'nodata' | 'nxdomain' | 'error'): RrlVerdict {
    const key = kind === 'positive' ? `${network(client)} ${kind} ${qname.toLowerCase()} ${qtype}`
      : kind === 'error' ? `${network(client)} error`
        : `${network(client)} ${kind} ${zoneOf(qname)}`;
    const second = Math.floor(this.now() / 1000);
    let b = this.buckets.get(key);
    if (!b || b.second !== second) {
      // Old buckets are dropped whole once a second has passed: the lab's working set is small.
      if (this.buckets.size > 50_000) this.buckets.clear();
      b = { second, count: 0, limited: b?.limited ?? 0 };
      this.buckets.set(key, b);
    }
    b.count++;
    if (b.count <= this.rate) {
      this.counters.sent++;
      return 'send';
    }
    b.limited++;
    if (this.slip > 0 && b.limited % this.slip === 0) {
      this.counters.slipped++;
      return 'slip';
    }
    this.counters.dropped++;
    return 'drop';
  }
}
