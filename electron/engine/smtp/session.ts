/**
 * One STARTTLS probe conversation with one MX address, as a sending MTA has it (RFC 5321 §3.1, §4.1.1.1;
 * RFC 3207 §4, §4.2): connect, read the greeting, EHLO, STARTTLS, TLS handshake with SNI = the MX host name
 * (RFC 8461 §4.2; RFC 7672 §8.1), EHLO again, QUIT. Never throws: every outcome, with the phase it ended in
 * and the server's words, is returned as evidence. No mail is ever sent.
 */
import net from 'node:net';
import type tls from 'node:tls';
import type { SmtpProbe } from '../../../shared/types';
import { handshake, type TrustStore } from '../tls/handshake';
import { ehloKeywords, ReplyReader, SmtpProtocolError, type SmtpReply } from './reply-reader';

export interface SessionOptions {
  host: string;
  address: string;
  port: number;
  /** Our EHLO argument (RFC 5321 §4.1.4: our own FQDN or an address literal). */
  ehloName: string;
  trust: TrustStore;
  /** Handshake flavour: TLS ≥ 1.2, or obsolete versions allowed (to name what a failing server speaks). */
  flavour: 'trusted' | 'legacy';
  /** Send SNI = host (true), or nothing (the STARTTLS_SNI_DEPENDENT comparison). */
  sni: boolean;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
  now: Date;
}

export type SessionResult = Omit<SmtpProbe, 'startedAt'> & {
  /** TCP connected at all (port-25 reachability of the auditor's network). */
  connected: boolean;
  connectTimedOut: boolean;
  /**
   * The greeting or EHLO got a 4xx reply: "try again later" (RFC 5321 §4.2.1, §4.5.4.1), often rate limiting
   * of the auditor's address. A sender would defer and retry, so this says nothing yet about the MX.
   */
  deferred?: boolean;
};

/**
 * RFC 5321 §4.5.3.2.1: a sender waits 5 minutes for the greeting. A greeting slower than the auditor's reply
 * time-out (a tarpit, a server busy with reverse lookups) is therefore not a refusal: the auditor could not
 * decide, and the MX is "not tested", with its own finding (STARTTLS_GREETING_SLOW).
 */
function slowGreeting(result: SessionResult, reader: ReplyReader, timeoutMs: number): SessionResult {
  const partial = reader.partial();
  result.outcome = 'not-tested';
  result.greetingSlow = true;
  if (partial) result.banner = partial.slice(0, 1000);
  result.error = `no complete greeting within ${timeoutMs} ms${partial ? ` (${partial.length} bytes received so far)` : ' (nothing received)'}; senders wait up to 5 minutes, so its STARTTLS is unknown`;
  return result;
}

const show = (r: SmtpReply) => r.lines.join(' | ').slice(0, 1000);
/** RFC 5321 §4.2.1: 4yz, Transient Negative Completion. */
const isTemporary = (r: SmtpReply) => r.code >= 400 && r.code < 500;

/** Errors that say the auditor's own host has no route of that address family, not that the MX is down. */
const NO_ROUTE_HERE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EAFNOSUPPORT', 'EADDRNOTAVAIL']);

/**
 * An IPv6 address the auditor cannot route to says nothing about the MX: many audit networks are IPv4-only.
 * Such a probe is "not tested", like the whole estate behind a blocked port 25.
 */
export function unroutableHere(address: string, code: string | undefined): boolean {
  return net.isIPv6(address) && code !== undefined && NO_ROUTE_HERE.has(code);
}

function connect(opts: SessionOptions): Promise<net.Socket | { error: string; code?: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: opts.address, port: opts.port });
    const timer = setTimeout(() => done({ error: `connect timed out after ${opts.connectTimeoutMs} ms`, timedOut: true }), opts.connectTimeoutMs);
    function done(r: net.Socket | { error: string; code?: string; timedOut: boolean }) {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.removeAllListeners('connect');
      if (!(r instanceof net.Socket)) socket.destroy();
      resolve(r);
    }
    socket.once('connect', () => done(socket));
    socket.once('error', (e: NodeJS.ErrnoException) => done({ error: `${e.code ?? 'ERROR'}: ${e.message}`, code: e.code, timedOut: e.code === 'ETIMEDOUT' }));
  });
}

export async function smtpSession(opts: SessionOptions): Promise<SessionResult> {
  const started = performance.now();
  const base = { host: opts.host, address: opts.address, port: opts.port };
  const elapsed = () => Math.round(performance.now() - started);
  const conn = await connect(opts);
  if (!(conn instanceof net.Socket)) {
    if (unroutableHere(opts.address, conn.code)) {
      return { ...base, outcome: 'not-tested', phase: 'connect', error: `no IPv6 route from the auditor (${conn.error})`, elapsedMs: elapsed(), connected: false, connectTimedOut: false };
    }
    return { ...base, outcome: conn.timedOut ? 'connect-timeout' : 'connect-failed', phase: 'connect', error: conn.error, elapsedMs: elapsed(), connected: false, connectTimedOut: conn.timedOut };
  }
  const result: SessionResult = { ...base, outcome: 'smtp-error', elapsedMs: 0, connected: true, connectTimedOut: false };
  let socket: net.Socket | tls.TLSSocket = conn;
  let reader = new ReplyReader(conn);
  const command = async (line: string, what: string): Promise<SmtpReply> => {
    socket.write(`${line}\r\n`);
    return reader.next(opts.replyTimeoutMs, what);
  };
  const quit = () => {
    // Politeness (RFC 5321 §4.1.1.10); the reply does not matter.
    if (socket.writable) socket.end('QUIT\r\n');
  };
  try {
    result.phase = 'banner';
    // One deadline for the whole greeting, however it trickles in (ReplyReader.next: a total, not an idle, time-out).
    let banner: SmtpReply;
    try {
      banner = await reader.next(opts.replyTimeoutMs, 'greeting');
    } catch (e) {
      if (e instanceof SmtpProtocolError && e.timedOut) {
        // Nothing to say politely before a greeting (no QUIT): the connection ends at the deadline.
        conn.destroy();
        return slowGreeting(result, reader, opts.replyTimeoutMs);
      }
      throw e;
    }
    result.banner = show(banner);
    if (banner.code !== 220) {
      result.error = `greeting ${banner.code}, not 220`;
      result.deferred = isTemporary(banner);
      return result;
    }
    result.phase = 'ehlo';
    const ehlo = await command(`EHLO ${opts.ehloName}`, 'EHLO reply');
    result.ehlo = ehlo.lines.slice(0, 50);
    if (ehlo.code !== 250) {
      result.error = `EHLO refused: ${show(ehlo)}`;
      result.deferred = isTemporary(ehlo);
      quit();
      return result;
    }
    if (!ehloKeywords(ehlo).includes('STARTTLS')) {
      result.outcome = 'no-starttls';
      quit();
      return result;
    }
    result.phase = 'starttls';
    const starttls = await command('STARTTLS', 'STARTTLS reply');
    result.starttlsReply = show(starttls);
    if (starttls.code !== 220) {
      result.outcome = 'starttls-rejected';
      quit();
      return result;
    }
    // Bytes after the 220 belong to no one: a client must not carry them into TLS (RFC 3207 §4.2).
    reader.detach();
    result.phase = 'handshake';
    const hs = await handshake({
      socket: conn, servername: opts.sni ? opts.host : undefined, reference: opts.host, trust: opts.trust, flavour: opts.flavour,
      now: opts.now, timeoutMs: opts.replyTimeoutMs,
    });
    if (!hs.ok) {
      result.outcome = 'handshake-failed';
      result.error = `${hs.code}: ${hs.message}`;
      return result;
    }
    socket = hs.socket;
    result.tls = hs.evidence;
    result.outcome = 'ok';
    reader = new ReplyReader(hs.socket);
    result.phase = 'ehlo-tls';
    try {
      const again = await command(`EHLO ${opts.ehloName}`, 'EHLO reply after TLS');
      result.ehloAfterTls = again.lines.slice(0, 50);
    } catch (e) {
      // The TLS verdict stands; the post-TLS EHLO is evidence only (STARTTLS_ADVERTISED_AFTER_TLS, REQUIRETLS).
      result.error = `after TLS: ${(e as Error).message}`;
    }
    result.phase = undefined;
    quit();
    return result;
  } catch (e) {
    result.error = e instanceof SmtpProtocolError ? e.message : `${(e as Error).name}: ${(e as Error).message}`;
    return result;
  } finally {
    result.elapsedMs = elapsed();
    // Give QUIT a moment to leave, then make sure nothing lingers.
    const s = socket;
    setTimeout(() => s.destroy(), 1000).unref();
  }
}
