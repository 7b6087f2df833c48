/**
 * The lab's DNS server: answers over UDP and TCP on one loopback port from an in-memory record set, the
 * way a recursive resolver in front of the estate's zones would. It keeps the distinctions the engine must
 * keep (NXDOMAIN vs NODATA, RFC 8020 empty non-terminals), follows CNAMEs inside its data, sets the AD bit
 * for names in zones it declares signed (a validating resolver's claim, RFC 4035 §3.2.3), truncates large
 * UDP answers (RFC 1035 §4.2.1, RFC 6891 §6.2.5) and injects faults: SERVFAIL, REFUSED, silence, and
 * DNSSEC-bogus answers (SERVFAIL with Extended DNS Error 6, RFC 8914 §4.7, or without it, answering
 * normally when re-asked with CD=1). With `rrl` set it limits its UDP response rate as nsd does (./rrl.ts).
 */
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { ResponseRateLimiter, type RrlCounters, type RrlOptions } from './rrl';

export interface LabRecord {
  name: string;
  type: 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'TLSA' | 'SOA' | 'NS';
  ttl?: number;
  /** A/AAAA: address; MX: {preference, exchange}; TXT: string[] (one RR's strings); CNAME/NS: target;
   *  TLSA: {usage, selector, matchingType, data: hex}. */
  data: unknown;
}

export type DnsFaultKind = 'servfail' | 'refused' | 'timeout' | 'bogus' | 'bogus-silent';

export interface DnsFault {
  name: string;
  /** Only this query type; every type when omitted. */
  type?: string;
  fault: DnsFaultKind;
}

/**
 * How the lab plays its resolver: `validating` (AD for signed zones), `off` (a resolver that does not
 * validate: never AD), `no-root` (validating, but cut off from the root, as on an internal or air-gapped
 * network with its own trust anchors: questions for the root name itself get SERVFAIL, signed zones
 * still get AD).
 */
export type LabValidation = 'validating' | 'off' | 'no-root';

export interface LabDnsOptions {
  records: LabRecord[];
  faults?: DnsFault[];
  /** Zone apexes whose names get AD=1. */
  signedZones?: string[];
  /** Added before every answer (benchmark latency). */
  delayMs?: number;
  address?: string;
  /** Response-rate limiting on UDP, as an authoritative nsd does it (off when absent). */
  rrl?: RrlOptions;
}

export interface LabDns {
  port: number;
  address: string;
  setRecords(records: LabRecord[]): void;
  setFaults(faults: DnsFault[]): void;
  setSignedZones(zones: string[]): void;
  setValidation(mode: LabValidation): void;
  /** Questions received, for tests that count lookups (bounded); `at` is Date.now() on arrival. */
  queries: { name: string; type: string; tcp: boolean; at: number; from: string }[];
  /** Every question received, by transport (not bounded like `queries`). */
  received: { udp: number; tcp: number };
  /** What response-rate limiting did to UDP responses (all zero without `rrl`). */
  rrl: RrlCounters;
  close(): Promise<void>;
}

const DEFAULT_TTL = 300;
const MAX_LOGGED = 100_000;
const EDE_DNSSEC_BOGUS = 6;
const CHECKING_DISABLED = 1 << 4;

const lower = (s: string) => s.toLowerCase().replace(/\.$/, '');

interface Zone {
  byName: Map<string, LabRecord[]>;
  /** Every name that exists, including empty non-terminals (RFC 8020: those are NODATA, not NXDOMAIN). */
  exists: Set<string>;
}

function indexRecords(records: LabRecord[]): Zone {
  const byName = new Map<string, LabRecord[]>();
  const exists = new Set<string>();
  for (const r of records) {
    const name = lower(r.name);
    const list = byName.get(name) ?? [];
    list.push(r);
    byName.set(name, list);
    const labels = name.split('.');
    for (let i = 0; i < labels.length; i++) exists.add(labels.slice(i).join('.'));
  }
  return { byName, exists };
}

function toAnswer(name: string, r: LabRecord): dnsPacket.Answer {
  const ttl = r.ttl ?? DEFAULT_TTL;
  switch (r.type) {
    case 'TXT': {
      const strings = (Array.isArray(r.data) ? r.data : [r.data]) as (string | Buffer)[];
      return { name, type: 'TXT', ttl, data: strings.map((s) => (Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8'))) } as dnsPacket.Answer;
    }
    case 'TLSA': {
      const t = r.data as { usage: number; selector: number; matchingType: number; data: string };
      return { name, type: 'TLSA', ttl, data: { usage: t.usage, selector: t.selector, matchingType: t.matchingType, certificate: Buffer.from(t.data, 'hex') } } as dnsPacket.Answer;
    }
    case 'SOA':
      return { name, type: 'SOA', ttl, data: { mname: `ns.${name}`, rname: `hostmaster.${name}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 300 } } as dnsPacket.Answer;
    default:
      return { name, type: r.type, ttl, data: r.data } as dnsPacket.Answer;
  }
}

export async function startLabDns(opts: LabDnsOptions): Promise<LabDns> {
  let zone = indexRecords(opts.records);
  let faults = opts.faults ?? [];
  let signed = (opts.signedZones ?? []).map(lower);
  let validation: LabValidation = 'validating';
  const address = opts.address ?? '127.0.0.1';
  const queries: LabDns['queries'] = [];
  const received = { udp: 0, tcp: 0 };

  const isSigned = (name: string) => signed.some((z) => name === z || name.endsWith(`.${z}`));
  const faultFor = (name: string, type: string) => faults.find((f) => lower(f.name) === name && (f.type === undefined || f.type === type));

  const limiter = opts.rrl ? new ResponseRateLimiter(opts.rrl) : undefined;

  /** Builds the reply to one query packet, or undefined to stay silent. */
  function answer(query: dnsPacket.Packet, tcp: boolean, from: string): Buffer | undefined {
    const q = query.questions?.[0];
    if (!q) return undefined;
    const qname = lower(q.name);
    received[tcp ? 'tcp' : 'udp']++;
    if (queries.length < MAX_LOGGED) queries.push({ name: qname, type: q.type, tcp, at: Date.now(), from });
    const opt = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number; flags?: number } | undefined;
    const wantsDnssec = ((query.flags ?? 0) & dnsPacket.AUTHENTIC_DATA) !== 0 || ((opt?.flags ?? 0) & dnsPacket.DNSSEC_OK) !== 0;
    const cd = ((query.flags ?? 0) & CHECKING_DISABLED) !== 0;
    const fault = validation === 'no-root' && qname === '' ? { name: '.', fault: 'servfail' as const } : faultFor(qname, q.type);
    if (fault?.fault === 'timeout') return undefined;
    const base = { id: query.id, type: 'response' as const, questions: query.questions };
    const edns = (ede?: number) => (opt ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0, options: ede === undefined ? [] : [{ code: 15, data: Buffer.from([0, ede]) }] } as never] : []);
    // RFC 1035 §4.1.1: RD copied from the query; RA because we play a recursive resolver.
    const flagsBase = ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | dnsPacket.RECURSION_AVAILABLE;
    // RRL (UDP only): a limited response is dropped, or every slip-th one sent empty with TC=1.
    const limited = (kind: 'positive' | 'nodata' | 'nxdomain' | 'error'): Buffer | null | undefined => {
      if (tcp || !limiter) return undefined;
      const verdict = limiter.verdict(from, qname, q.type, kind);
      if (verdict === 'send') return undefined;
      return verdict === 'drop' ? null : dnsPacket.encode({ ...base, flags: flagsBase | dnsPacket.TRUNCATED_RESPONSE, answers: [], additionals: edns() });
    };
    if (fault && !(cd && (fault.fault === 'bogus' || fault.fault === 'bogus-silent'))) {
      const rcode = fault.fault === 'refused' ? 5 : 2;
      const rl = limited('error');
      if (rl !== undefined) return rl ?? undefined;
      return dnsPacket.encode({ ...base, flags: flagsBase | rcode, answers: [], additionals: edns(fault.fault === 'bogus' ? EDE_DNSSEC_BOGUS : undefined) });
    }
    const answers: dnsPacket.Answer[] = [];
    let current = qname;
    let secure = true;
    // Follow a CNAME chain inside our data, as a recursive resolver returns it (RFC 1034 §3.6.2, §4.3.2).
    for (let hop = 0; hop < 10; hop++) {
      secure &&= isSigned(current);
      const here = zone.byName.get(current) ?? [];
      const alias = here.find((r) => r.type === 'CNAME');
      if (alias && q.type !== 'CNAME') {
        answers.push(toAnswer(current, alias));
        current = lower(String(alias.data));
        continue;
      }
      for (const r of here) if (r.type === q.type) answers.push(toAnswer(current, r));
      break;
    }
    const nx = answers.length === 0 && !zone.exists.has(current);
    const ad = wantsDnssec && secure && !cd && validation !== 'off' ? dnsPacket.AUTHENTIC_DATA : 0;
    const rl = limited(nx ? 'nxdomain' : answers.length === 0 ? 'nodata' : 'positive');
    if (rl !== undefined) return rl ?? undefined;
    let reply = dnsPacket.encode({ ...base, flags: flagsBase | ad | (nx ? 3 : 0), answers, additionals: edns() });
    const limit = Math.max(512, opt?.udpPayloadSize ?? 512);
    if (!tcp && reply.length > limit) {
      reply = dnsPacket.encode({ ...base, flags: flagsBase | ad | dnsPacket.TRUNCATED_RESPONSE, answers: [], additionals: edns() });
    }
    return reply;
  }

  const later = (fn: () => void) => (opts.delayMs ? setTimeout(fn, opts.delayMs) : fn());

  const { udp, tcp, port } = await bindBoth(address, (msg, rinfo, sock) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const reply = answer(query, false, rinfo.address);
    if (reply) later(() => sock.send(reply, rinfo.port, rinfo.address, () => undefined));
  }, (socket) => {
    let buf = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= buf.readUInt16BE(0) + 2) {
        const len = buf.readUInt16BE(0);
        const msg = buf.subarray(2, len + 2);
        buf = buf.subarray(len + 2);
        let query: dnsPacket.Packet;
        try {
          query = dnsPacket.decode(msg);
        } catch {
          socket.destroy();
          return;
        }
        const reply = answer(query, true, socket.remoteAddress ?? '');
        if (!reply) continue;
        const framed = Buffer.concat([Buffer.from([reply.length >> 8, reply.length & 0xff]), reply]);
        later(() => socket.writable && socket.write(framed));
      }
    });
  });

  return {
    port,
    address,
    queries,
    received,
    rrl: limiter?.counters ?? { sent: 0, slipped: 0, dropped: 0 },
    setRecords(records) {
      zone = indexRecords(records);
    },
    setFaults(f) {
      faults = f;
    },
    setSignedZones(zones) {
      signed = zones.map(lower);
    },
    setValidation(mode) {
      validation = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        udp.close();
        tcp.close(() => resolve());
        // Established TCP connections would keep close() waiting: the lab owns them, so end them.
        for (const s of openSockets.get(tcp) ?? []) s.destroy();
      }),
  };
}

const openSockets = new WeakMap<net.Server, Set<net.Socket>>();
const RECV_BUFFER_BYTES = 4 << 20;

/** UDP on an ephemeral port, then TCP on the same number (RFC 7766: both transports); retries on a clash. */
async function bindBoth(
  address: string,
  onMessage: (msg: Buffer, rinfo: dgram.RemoteInfo, sock: dgram.Socket) => void,
  onConnection: (socket: net.Socket) => void,
): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4');
    udp.on('message', (msg, rinfo) => onMessage(msg, rinfo, udp));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, address, () => resolve());
    });
    // A benchmark's first wave asks thousands of questions at once; the default buffer (about 200 small
    // datagrams on Linux) would drop most of them. The kernel caps the size at its maximum.
    try {
      udp.setRecvBufferSize(RECV_BUFFER_BYTES);
    } catch {
      // a system that refuses keeps its default
    }
    const port = udp.address().port;
    const tcp = net.createServer();
    const sockets = new Set<net.Socket>();
    openSockets.set(tcp, sockets);
    tcp.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      onConnection(s);
    });
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, address, () => resolve(true));
    });
    if (ok) return { udp, tcp, port };
    udp.close();
  }
  throw new Error('could not bind UDP and TCP on one port');
}
