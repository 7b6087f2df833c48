/**
 * A small stub resolver on dns-packet, used instead of node:dns because an audit needs what node:dns hides:
 * the AD bit (DNSSEC claim of the configured validating resolver, RFC 7672 §2.1.1), TTLs of every record,
 * the exact rcode (NXDOMAIN vs NODATA vs SERVFAIL vs time-out are different findings), Extended DNS Errors
 * (RFC 8914) and TLSA records. UDP first, TCP when truncated (RFC 7766), bounded time-outs and retries.
 */
import net from 'node:net';
import { UdpPool, UdpTimeout } from './udp-pool';
import { SharedResults } from '../lru-map';
import dnsPacket from 'dns-packet';
import type { DnsAnswer, DnsOutcome, DnsRecord, DnsRecordType } from '../../../shared/types';

export interface DnsServer {
  host: string;
  port: number;
}

export interface DnsClientOptions {
  servers: DnsServer[];
  timeoutMs: number;
  /** Extra attempts after a time-out (rotating servers). */
  retries: number;
}

/** The question/answer seam every check depends on; tests and the cache wrap it. */
export interface DnsLookup {
  query(name: string, type: DnsRecordType): Promise<DnsAnswer>;
}

const MAX_RESPONSE_BYTES = 65_535;
const MAX_CNAME_HOPS = 8;
const EDNS_UDP_SIZE = 1232;

interface RawResponse {
  packet: dnsPacket.Packet;
  server: string;
}

class DnsTimeout extends Error {
  override name = 'DnsTimeout';
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

function tcpExchange(server: DnsServer, query: Buffer, check: (p: dnsPacket.Packet) => boolean, timeoutMs: number): Promise<dnsPacket.Packet> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: server.host, port: server.port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new DnsTimeout(`no TCP answer from ${server.host}:${server.port} in ${timeoutMs} ms`)), timeoutMs);
    function finish(err: Error | null, p?: dnsPacket.Packet) {
      clearTimeout(timer);
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

async function exchange(server: DnsServer, name: string, type: DnsRecordType, timeoutMs: number, cd = false): Promise<RawResponse> {
  let sent: { id: number; query: Buffer } | undefined;
  const encode = (id: number) => {
    sent = { id, query: encodeQuery(id, name, type, cd) };
    return sent.query;
  };
  const check = (p: dnsPacket.Packet) => sent !== undefined && matches(p, sent.id, name, type);
  let packet: dnsPacket.Packet;
  try {
    packet = await udp.exchange(net.isIPv6(server.host) ? 'udp6' : 'udp4', server.host, server.port, encode, check, timeoutMs);
  } catch (e) {
    throw e instanceof UdpTimeout ? new DnsTimeout(e.message) : e;
  }
  // RFC 7766 §5: a truncated answer is asked again over TCP.
  if ((packet.flags ?? 0) & dnsPacket.TRUNCATED_RESPONSE) packet = await tcpExchange(server, sent!.query, check, timeoutMs);
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

export class DnsClient implements DnsLookup {
  readonly options: DnsClientOptions;

  constructor(options: DnsClientOptions) {
    if (options.servers.length === 0) throw new Error('no DNS server configured');
    this.options = options;
  }

  async query(name: string, type: DnsRecordType): Promise<DnsAnswer> {
    const started = performance.now();
    const cnames: DnsRecord[] = [];
    let current = name.toLowerCase();
    let attempts = 0;
    // A resolver normally returns the whole chain; re-ask for the target only if it stopped half-way.
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const res = await this.ask(current, type);
      attempts += res.attempts;
      if (!res.raw) return this.failed(name, type, res.error!, res.timedOut, started, attempts, cnames);
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
      if (rcode === 2 && ede === undefined && (await this.answersWithoutValidation(current, type))) answer.bogus = true;
      return answer;
    }
    return this.failed(name, type, 'CNAME chain too long', false, started, attempts, cnames);
  }

  /**
   * A SERVFAIL without an Extended DNS Error may still be a validation failure: a validating resolver that
   * answers the same question with CD=1 only failed to validate (RFC 4035 §3.2.2; CHECKS DNSSEC_BOGUS).
   */
  private async answersWithoutValidation(name: string, type: DnsRecordType): Promise<boolean> {
    try {
      const raw = await exchange(this.options.servers[0]!, name, type, this.options.timeoutMs, true);
      return ((raw.packet.flags ?? 0) & 0xf) === 0;
    } catch {
      return false;
    }
  }

  private async ask(name: string, type: DnsRecordType): Promise<{ raw?: RawResponse; error?: string; timedOut: boolean; attempts: number }> {
    const { servers, timeoutMs, retries } = this.options;
    let lastError = '';
    let timedOut = false;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const server = servers[attempt % servers.length]!;
      try {
        const raw = await exchange(server, name, type, timeoutMs);
        // SERVFAIL can be transient (upstream time-out at the resolver): ask again while retries remain.
        if (((raw.packet.flags ?? 0) & 0xf) === 2 && attempt < retries) continue;
        return { raw, timedOut: false, attempts: attempt + 1 };
      } catch (e) {
        timedOut = e instanceof DnsTimeout;
        lastError = (e as Error).message;
      }
    }
    return { error: lastError, timedOut, attempts: retries + 1 };
  }

  private failed(name: string, type: DnsRecordType, error: string, timedOut: boolean, started: number, attempts: number, cnames: DnsRecord[]): DnsAnswer {
    const server = this.options.servers.map((s) => `${s.host}:${s.port}`).join(',');
    return {
      name: name.toLowerCase(), type, outcome: timedOut ? 'timeout' : 'error', authenticated: false, records: [], cnames, server,
      elapsedMs: Math.round(performance.now() - started), attempts, error,
    };
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
