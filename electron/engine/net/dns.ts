/**
 * A small stub resolver on dns-packet, used instead of node:dns because an audit needs what node:dns hides:
 * the AD bit (DNSSEC claim of the configured validating resolver, RFC 7672 §2.1.1), TTLs of every record,
 * the exact rcode (NXDOMAIN vs NODATA vs SERVFAIL vs time-out are different findings), Extended DNS Errors
 * (RFC 8914) and TLSA records. UDP first, TCP at once when truncated (RFC 7766 §5), retransmission after an
 * adaptive time-out per server (./rtt-estimator.ts), a ceiling on questions per second per server
 * (./query-pacer.ts), and the load spread over the configured servers.
 */
import net from 'node:net';
import { UdpAborted, UdpPool, UdpTimeout } from './udp-pool';
import { PacerAborted, QueryPacer } from './query-pacer';
import { RttEstimator } from './rtt-estimator';
import { SharedResults } from '../lru-map';
import dnsPacket from 'dns-packet';
import type { DnsAnswer, DnsOutcome, DnsRecord, DnsRecordType } from '../../../shared/types';

export interface DnsServer {
  host: string;
  port: number;
}

export interface DnsClientOptions {
  servers: DnsServer[];
  /** The longest wait for one attempt (the adaptive time-out's ceiling). */
  timeoutMs: number;
  /**
   * The time a question may spend in flight is timeoutMs × (retries + 1); within it, attempts go out after the
   * adaptive time-out, doubling each time. Also the number of times a SERVFAIL is asked again.
   */
  retries: number;
  /** Questions per second to each server at most (UDP attempts; a truncated answer's TCP retry is not paced). */
  qps?: number;
}

/** The question/answer seam every check depends on; tests and the cache wrap it. */
export interface DnsLookup {
  query(name: string, type: DnsRecordType): Promise<DnsAnswer>;
}

const MAX_RESPONSE_BYTES = 65_535;
const MAX_CNAME_HOPS = 8;
const EDNS_UDP_SIZE = 1232;
/**
 * The adaptive time-out's floor: a recursive resolver answers from its cache in a millisecond but needs one or
 * more round trips to authoritative servers (tens to hundreds of ms) for a cold name; retransmitting sooner
 * than this would mostly duplicate questions still being resolved. Unbound's own floor is 50 ms towards
 * authoritative servers; a stub facing a recursive resolver needs more.
 */
export const RTO_FLOOR_MS = 250;
/** RFC 6298 §2.1: 1 s before the first round trip to a server is measured. */
export const RTO_INITIAL_MS = 1000;
/** However short the time-outs, a question is sent at most this many times (attempts overlap, see ask()). */
const MAX_ATTEMPTS = 8;

interface RawResponse {
  packet: dnsPacket.Packet;
  server: string;
}

class DnsTimeout extends Error {
  override name = 'DnsTimeout';
}

/** The question was answered by another attempt while this one was still under way. */
class Withdrawn extends Error {
  override name = 'Withdrawn';
}

export function parseServer(spec: string): DnsServer {
  const s = spec.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : 53 };
  const v4 = /^([^:]+):(\d+)$/.exec(s);
  if (v4) return { host: v4[1]!, port: Number(v4[2]) };
  return { host: s, port: 53 };
}

/** RFC 4035 §3.2.2: CD asks a validating resolver for the data without validating it. */
const CHECKING_DISABLED = 1 << 4;

function encodeQuery(id: number, name: string, type: DnsRecordType, cd: boolean): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id,
    // AD in a query asks the resolver to report validation status (RFC 6840 §5.7); DO does too (RFC 3225).
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA | (cd ? CHECKING_DISABLED : 0),
    questions: [{ type, name, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, flags: dnsPacket.DNSSEC_OK } as never],
  });
}

function matches(p: dnsPacket.Packet, id: number, name: string, type: string): boolean {
  const q = p.questions?.[0];
  return p.id === id && !!q && q.type === type && q.name.toLowerCase() === name.toLowerCase();
}

function tcpExchange(server: DnsServer, query: Buffer, check: (p: dnsPacket.Packet) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<dnsPacket.Packet> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Withdrawn('answered meanwhile'));
    const sock = net.connect({ host: server.host, port: server.port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new DnsTimeout(`no TCP answer from ${server.host}:${server.port} in ${timeoutMs} ms`)), timeoutMs);
    const onAbort = () => finish(new Withdrawn('answered meanwhile'));
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(err: Error | null, p?: dnsPacket.Packet) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      sock.destroy();
      if (err) reject(err);
      else resolve(p!);
    }
    sock.on('error', (e) => finish(e));
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length);
      sock.write(Buffer.concat([len, query]));
    });
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > MAX_RESPONSE_BYTES + 2) return finish(new Error('oversized TCP DNS response'));
      if (buf.length < 2) return;
      const need = buf.readUInt16BE(0);
      if (buf.length < need + 2) return;
      try {
        const p = dnsPacket.decode(buf.subarray(2, need + 2));
        if (check(p)) finish(null, p);
        else finish(new Error('TCP DNS response does not match the query'));
      } catch (e) {
        finish(e as Error);
      }
    });
    sock.on('end', () => finish(new Error('TCP DNS connection closed before a full answer')));
  });
}

/** One question to one server: UDP, then TCP if the answer was truncated. */
const udp = new UdpPool();

interface ExchangeOptions {
  timeoutMs: number;
  cd?: boolean;
  signal?: AbortSignal;
  /** Called with the UDP round trip of an answered attempt (truncated or not). */
  onRtt?: (ms: number) => void;
  /** Called when the answer was truncated and the question goes to TCP. */
  onTcp?: () => void;
}

async function exchange(server: DnsServer, name: string, type: DnsRecordType, o: ExchangeOptions): Promise<RawResponse> {
  let sent: { id: number; query: Buffer } | undefined;
  const encode = (id: number) => {
    sent = { id, query: encodeQuery(id, name, type, o.cd ?? false) };
    return sent.query;
  };
  const check = (p: dnsPacket.Packet) => sent !== undefined && matches(p, sent.id, name, type);
  let packet: dnsPacket.Packet;
  const t0 = performance.now();
  try {
    packet = await udp.exchange(net.isIPv6(server.host) ? 'udp6' : 'udp4', server.host, server.port, encode, check, o.timeoutMs, o.signal);
  } catch (e) {
    if (e instanceof UdpAborted) throw new Withdrawn(e.message);
    throw e instanceof UdpTimeout ? new DnsTimeout(e.message) : e;
  }
  o.onRtt?.(performance.now() - t0);
  // RFC 7766 §5: a truncated answer is asked again over TCP, at once (an answer slipped by response-rate
  // limiting is one too: TCP is what RRL leaves open to a real client).
  if ((packet.flags ?? 0) & dnsPacket.TRUNCATED_RESPONSE) {
    o.onTcp?.();
    packet = await tcpExchange(server, sent!.query, check, o.timeoutMs, o.signal);
  }
  return { packet, server: `${server.host}:${server.port}` };
}

const RCODES: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

function outcomeOf(rcode: number, hasRecords: boolean): DnsOutcome {
  if (rcode === 0) return hasRecords ? 'ok' : 'nodata';
  if (rcode === 3) return 'nxdomain';
  if (rcode === 2) return 'servfail';
  if (rcode === 5) return 'refused';
  return 'error';
}

function toRecord(a: dnsPacket.Answer): DnsRecord | undefined {
  const base = { name: a.name.toLowerCase(), ttl: (a as { ttl?: number }).ttl ?? 0 };
  const data = (a as { data: unknown }).data;
  switch (a.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: a.type, address: String(data) };
    case 'CNAME':
      return { ...base, type: 'CNAME', target: String(data).toLowerCase() };
    case 'MX': {
      const mx = data as { preference: number; exchange: string };
      return { ...base, type: 'MX', preference: mx.preference, exchange: mx.exchange };
    }
    case 'TXT': {
      const parts = (Array.isArray(data) ? data : [data]) as (Buffer | string)[];
      return { ...base, type: 'TXT', strings: parts.map((s) => (typeof s === 'string' ? s : s.toString('utf8'))) };
    }
    case 'SOA': {
      const soa = data as { mname: string; rname: string; serial: number };
      return { ...base, type: 'SOA', mname: soa.mname, rname: soa.rname, serial: soa.serial };
    }
    case 'TLSA': {
      const t = data as { usage: number; selector: number; matchingType: number; certificate: Buffer };
      return { ...base, type: 'TLSA', usage: t.usage, selector: t.selector, matchingType: t.matchingType, data: Buffer.from(t.certificate).toString('hex') };
    }
    default:
      return undefined;
  }
}

function edeOf(p: dnsPacket.Packet): number | undefined {
  for (const add of p.additionals ?? []) {
    if (add.type !== 'OPT') continue;
    for (const opt of (add as { options?: { code: number; data?: Buffer }[] }).options ?? []) {
      if (opt.code === 15 && opt.data && opt.data.length >= 2) return opt.data.readUInt16BE(0);
    }
  }
  return undefined;
}

/** Walks the CNAME chain inside one response, as a stub must (RFC 1034 §3.6.2). */
function followChain(p: dnsPacket.Packet, name: string, type: DnsRecordType): { records: DnsRecord[]; cnames: DnsRecord[]; final: string } {
  const all = (p.answers ?? []).map(toRecord).filter((r): r is DnsRecord => !!r);
  const cnames: DnsRecord[] = [];
  let current = name.toLowerCase();
  for (let hop = 0; hop < MAX_CNAME_HOPS && type !== 'CNAME'; hop++) {
    const alias = all.find((r) => r.type === 'CNAME' && r.name === current);
    if (!alias || alias.type !== 'CNAME') break;
    cnames.push(alias);
    current = alias.target;
  }
  const records = all.filter((r) => r.type === type && r.name === current);
  return { records, cnames, final: current };
}

interface ServerState {
  server: DnsServer;
  rtt: RttEstimator;
  pacer?: QueryPacer;
}

interface AskResult {
  raw?: RawResponse;
  error?: string;
  timedOut: boolean;
  attempts: number;
  queuedMs: number;
}

export class DnsClient implements DnsLookup {
  readonly options: DnsClientOptions;
  private readonly state: ServerState[];
  private turn = 0;

  constructor(options: DnsClientOptions) {
    if (options.servers.length === 0) throw new Error('no DNS server configured');
    this.options = options;
    const ceilingMs = options.timeoutMs;
    this.state = options.servers.map((server) => ({
      server,
      rtt: new RttEstimator({ floorMs: Math.min(RTO_FLOOR_MS, ceilingMs), ceilingMs, initialMs: Math.min(RTO_INITIAL_MS, ceilingMs) }),
      pacer: options.qps ? new QueryPacer(options.qps) : undefined,
    }));
  }

  /** The adaptive time-out of a first attempt to each server (for the run's evidence and for tests). */
  timeouts(): { server: string; rtoMs: number; srttMs?: number; samples: number }[] {
    return this.state.map((s) => ({ server: `${s.server.host}:${s.server.port}`, rtoMs: Math.round(s.rtt.rto()), srttMs: s.rtt.smoothedMs, samples: s.rtt.sampleCount }));
  }

  async query(name: string, type: DnsRecordType): Promise<DnsAnswer> {
    const started = performance.now();
    const cnames: DnsRecord[] = [];
    let current = name.toLowerCase();
    let attempts = 0;
    let queuedMs = 0;
    // A resolver normally returns the whole chain; re-ask for the target only if it stopped half-way.
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const res = await this.ask(current, type);
      attempts += res.attempts;
      queuedMs += res.queuedMs;
      if (!res.raw) return this.failed(name, type, res.error!, res.timedOut, started, attempts, queuedMs, cnames);
      const { packet, server } = res.raw;
      const rcode = (packet.flags ?? 0) & 0xf;
      const chain = followChain(packet, current, type);
      cnames.push(...chain.cnames);
      const authenticated = ((packet.flags ?? 0) & dnsPacket.AUTHENTIC_DATA) !== 0;
      if (rcode === 0 && chain.records.length === 0 && chain.cnames.length > 0 && chain.final !== current) {
        current = chain.final;
        continue;
      }
      const ede = edeOf(packet);
      const answer: DnsAnswer = {
        name: name.toLowerCase(), type, outcome: outcomeOf(rcode, chain.records.length > 0), rcode: RCODES[rcode] ?? String(rcode),
        authenticated, records: chain.records, cnames, server, elapsedMs: Math.round(performance.now() - started), attempts, ede,
      };
      if (queuedMs >= 1) answer.queuedMs = Math.round(queuedMs);
      if (rcode === 2 && ede === undefined && (await this.answersWithoutValidation(server, current, type))) answer.bogus = true;
      return answer;
    }
    return this.failed(name, type, 'CNAME chain too long', false, started, attempts, queuedMs, cnames);
  }

  /**
   * A SERVFAIL without an Extended DNS Error may still be a validation failure: a validating resolver that
   * answers the same question with CD=1 only failed to validate (RFC 4035 §3.2.2; CHECKS DNSSEC_BOGUS).
   * Asked of the server that gave the SERVFAIL.
   */
  private async answersWithoutValidation(server: string, name: string, type: DnsRecordType): Promise<boolean> {
    const st = this.state.find((s) => `${s.server.host}:${s.server.port}` === server) ?? this.state[0]!;
    try {
      await st.pacer?.acquire(true);
      const raw = await exchange(st.server, name, type, { timeoutMs: this.options.timeoutMs, cd: true });
      return ((raw.packet.flags ?? 0) & 0xf) === 0;
    } catch {
      return false;
    }
  }

  /**
   * Where an attempt goes: a retransmission to the server after the one just asked (another server when there
   * is one), a first attempt to the server whose next slot under its query ceiling comes soonest, ties taken in
   * turn, so that several resolvers share the load.
   */
  pick(previous?: number): number {
    const n = this.state.length;
    if (previous !== undefined) return (previous + 1) % n;
    const start = this.turn++ % n;
    let best = start;
    let bestDelay = this.state[start]!.pacer?.delayMs() ?? 0;
    for (let i = 1; i < n && bestDelay > 0; i++) {
      const j = (start + i) % n;
      const d = this.state[j]!.pacer?.delayMs() ?? 0;
      if (d < bestDelay) [best, bestDelay] = [j, d];
    }
    return best;
  }

  private ask(name: string, type: DnsRecordType): Promise<AskResult> {
    return new Question(this, this.state, this.options, name, type).run();
  }

  private failed(name: string, type: DnsRecordType, error: string, timedOut: boolean, started: number, attempts: number, queuedMs: number, cnames: DnsRecord[]): DnsAnswer {
    const server = this.options.servers.map((s) => `${s.host}:${s.port}`).join(',');
    const answer: DnsAnswer = {
      name: name.toLowerCase(), type, outcome: timedOut ? 'timeout' : 'error', authenticated: false, records: [], cnames, server,
      elapsedMs: Math.round(performance.now() - started), attempts, error,
    };
    if (queuedMs >= 1) answer.queuedMs = Math.round(queuedMs);
    return answer;
  }
}

/**
 * One question's attempts. The first goes out when its server's query ceiling gives it a slot; each later one
 * after the adaptive time-out of the server asked (RFC 6298 SRTT + 4·RTTVAR, floor RTO_FLOOR_MS, ceiling the
 * configured per-attempt time-out), doubled per retransmission. Attempts overlap: an earlier one stays open,
 * so a slow answer that arrives after a retransmission still counts, and the question never gives up on a
 * live server sooner than the fixed time-out did. The time in flight is bounded by timeoutMs × (retries + 1),
 * counted from the first send; waiting for a slot under the ceiling does not count (the deadline moves by the
 * wait), or a long queue would turn into false time-outs.
 */
class Question {
  private readonly controller = new AbortController();
  private resolve!: (r: AskResult) => void;
  private settled = false;
  private sent = 0;
  private queued = 0;
  private inFlight = 0;
  private queuedMs = 0;
  private deadline = Infinity;
  private timer: NodeJS.Timeout | undefined;
  private lastServer: number | undefined;
  private lastError = '';
  private timedOut = false;
  private servfails = 0;
  private servfail: RawResponse | undefined;

  constructor(
    private readonly client: DnsClient,
    private readonly state: ServerState[],
    private readonly options: DnsClientOptions,
    private readonly name: string,
    private readonly type: DnsRecordType,
  ) {}

  run(): Promise<AskResult> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.launch();
    });
  }

  private get budgetMs(): number {
    return this.options.timeoutMs * (this.options.retries + 1);
  }

  /** Queues the next attempt, or ends the question when none may be sent. */
  private launch(): void {
    this.timer = undefined;
    if (this.settled) return;
    if (this.sent + this.queued >= MAX_ATTEMPTS || performance.now() >= this.deadline) return this.maybeEnd();
    const index = this.client.pick(this.lastServer);
    this.lastServer = index;
    const st = this.state[index]!;
    const queuedAt = performance.now();
    this.queued++;
    const go = () => {
      this.queued--;
      if (this.settled) return;
      const now = performance.now();
      const waited = now - queuedAt;
      this.queuedMs += waited;
      this.deadline = this.deadline === Infinity ? now + this.budgetMs : this.deadline + waited;
      const remaining = this.deadline - now;
      const retry = this.sent++;
      this.inFlight++;
      this.timer = setTimeout(() => this.launch(), Math.min(st.rtt.backedOff(retry), remaining));
      exchange(st.server, this.name, this.type, {
        timeoutMs: remaining, signal: this.controller.signal, onRtt: (ms) => st.rtt.sample(ms),
      }).then((raw) => this.answered(raw), (e: Error) => this.failed(e));
    };
    if (!st.pacer) return go();
    st.pacer.acquire(this.sent > 0, this.controller.signal).then(go, (e: Error) => {
      this.queued--;
      if (!(e instanceof PacerAborted)) this.failed(e);
    });
  }

  private answered(raw: RawResponse): void {
    this.inFlight--;
    if (this.settled) return;
    // SERVFAIL can be transient (upstream time-out at the resolver): ask again, at most `retries` times.
    if (((raw.packet.flags ?? 0) & 0xf) === 2 && this.servfails < this.options.retries) {
      this.servfails++;
      this.servfail = raw;
      this.next();
      return;
    }
    this.end({ raw });
  }

  private failed(e: Error): void {
    this.inFlight--;
    if (this.settled || e instanceof Withdrawn) return;
    this.lastError = e.message;
    this.timedOut = e instanceof DnsTimeout;
    // A time-out ends only that attempt's wait; the next one is already timed. An error (the TCP retry of a
    // truncated answer failed, a send failed) ends the attempt now: the next goes out at once.
    if (this.timedOut) this.maybeEnd();
    else this.next();
  }

  private next(): void {
    clearTimeout(this.timer);
    this.launch();
  }

  /** Ends the question when nothing is in flight, queued or timed to go. */
  private maybeEnd(): void {
    if (this.settled || this.inFlight > 0 || this.queued > 0 || this.timer !== undefined) return;
    this.end(this.servfail ? { raw: this.servfail } : { error: this.lastError || 'no answer', timedOut: this.timedOut || !this.lastError });
  }

  private end(r: { raw?: RawResponse; error?: string; timedOut?: boolean }): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller.abort();
    this.resolve({ raw: r.raw, error: r.error, timedOut: r.timedOut ?? false, attempts: this.sent, queuedMs: this.queuedMs });
  }
}

/**
 * Shares answers across the domains of one run (thousands of domains point at the same provider MX hosts)
 * and coalesces concurrent identical questions. Completed answers live in a bounded LRU: the shared names
 * (provider MX hosts, report domains) are asked again and again and stay, a domain's own names age out, so
 * memory stays flat over a 50,000-domain run. Lives as long as one run, so TTLs are not needed. A time-out
 * or a network error is not kept: it may be transient, and kept it would fail every later domain that
 * shares the name (CHECKS §3.3).
 */
export class CachingDns implements DnsLookup {
  private readonly answers: SharedResults<DnsAnswer>;

  constructor(private readonly inner: DnsLookup, capacity = 20_000) {
    this.answers = new SharedResults(capacity, (a) => a.outcome !== 'timeout' && a.outcome !== 'error');
  }

  query(name: string, type: DnsRecordType): Promise<DnsAnswer> {
    return this.answers.get(`${type} ${name.toLowerCase()}`, () => this.inner.query(name, type));
  }
}
