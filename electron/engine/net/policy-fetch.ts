/**
 * Fetches `https://mta-sts.<d>/.well-known/mta-sts.txt` the way a strict sender must (RFC 8461 §3.3):
 * certificate valid for the policy host, no redirects followed, only 200 accepted, a hard size cap, no HTTP
 * caching, and one deadline for the whole fetch (CHECKS §4.1: connect to last body byte, across every address
 * and retry). Everything observed is returned as evidence; nothing is thrown.
 */
import { createHash } from 'node:crypto';
import type { PolicyFetchEvidence, PolicyFetchOutcome, TlsSessionEvidence } from '../../../shared/types';
import { handshake, isObsoleteProtocol, type TrustStore } from '../tls/handshake';
import { chainOutsideValidity } from '../tls/certificate';
import { FetchDeadline, count, seconds, wholeMs } from './fetch-deadline';
import { httpGet, type HttpGetResult } from './http-get';

export const POLICY_PATH = '/.well-known/mta-sts.txt';
/** RFC 8461 §3.3 suggests 64 KB; we use 65,536 bytes (CHECKS §4.1). */
export const POLICY_MAX_BYTES = 65_536;
/** Status line and header fields of one response: Node's default, twice aiohttp's per-line limit (8,190). */
export const POLICY_MAX_HEADER_BYTES = 16_384;
const MAX_HEADER_VALUE = 1024;

export interface PolicyFetchOptions {
  host: string;
  addresses: string[];
  port: number;
  trust: TrustStore;
  /** The whole fetch's deadline: connect to last body byte, every address and retry included. */
  timeoutMs: number;
  /** Longest connect (TCP + TLS) to one address, and longest silence within the body. */
  idleTimeoutMs: number;
  now: Date;
  userAgent: string;
  /**
   * Further rounds over the addresses when none of them could be connected to (CHECKS §3.3: only to tell
   * "the host is down" from "the network blipped"), within the same deadline. Never after the host answered.
   */
  retries?: number;
  /** Runs one connection attempt to one address under the run's per-IP politeness limit. */
  perAddress?: <T>(address: string, attempt: () => Promise<T>) => Promise<T>;
  /** Monotonic milliseconds (tests inject one); default `performance.now`. */
  clock?: () => number;
}

type Attempt = Omit<PolicyFetchEvidence, 'url' | 'host' | 'port' | 'addresses'>;

/** Connection-level failures: the next address is tried; any other answer is the host's answer. */
const NEXT_ADDRESS = new Set<PolicyFetchOutcome>(['connect-failed', 'tls-failed']);

export async function fetchPolicy(opts: PolicyFetchOptions): Promise<PolicyFetchEvidence> {
  const url = `https://${opts.host}${opts.port === 443 ? '' : `:${opts.port}`}${POLICY_PATH}`;
  const base = { url, host: opts.host, port: opts.port, addresses: opts.addresses };
  const deadline = new FetchDeadline(opts.timeoutMs, opts.clock);
  const tried = new Set<string>();
  let last: Attempt = { outcome: 'connect-failed', bodyBytes: 0, truncated: false, timings: { totalMs: 0 }, errorMessage: 'no address to connect to' };
  let attempts = 0;
  while (attempts <= (opts.retries ?? 0) && !deadline.expired() && opts.addresses.length > 0) {
    attempts++;
    last = await oneRound(opts, deadline, tried);
    // CHECKS §3.3: only "no connection at all" is worth another round; a TLS or HTTP answer is the host's.
    if (last.outcome !== 'connect-failed') break;
  }
  return { ...base, ...last, attempts, addressesTried: tried.size, deadlineMs: opts.timeoutMs, timings: { ...last.timings, totalMs: wholeMs(deadline.elapsed()) } };
}

/** One pass over the addresses, in order, each connect given its share of the time left. */
async function oneRound(opts: PolicyFetchOptions, deadline: FetchDeadline, tried: Set<string>): Promise<Attempt> {
  const failures: Attempt[] = [];
  let tlsFailure: Attempt | undefined;
  for (const [i, address] of opts.addresses.entries()) {
    if (deadline.expired()) break;
    // Every address gets a chance within the deadline: 16 black-holed addresses must not stop after 4.
    // Rounded up, so the last address uses the deadline up: a timer never fires early, so no sliver is left.
    const connectMs = Math.max(1, Math.ceil(Math.min(opts.idleTimeoutMs, deadline.remaining() / (opts.addresses.length - i))));
    const work = () => deadline.run(() => fetchFrom(address, opts, deadline, connectMs));
    const attempt = opts.perAddress ? await opts.perAddress(address, work) : await work();
    tried.add(address);
    if (!NEXT_ADDRESS.has(attempt.outcome)) return attempt;
    if (attempt.outcome === 'tls-failed') tlsFailure ??= attempt;
    else failures.push(attempt);
  }
  if (tlsFailure) return tlsFailure;
  if (failures.length === 0) return { outcome: 'connect-failed', bodyBytes: 0, truncated: false, timings: { totalMs: wholeMs(deadline.elapsed()) }, errorMessage: `no address was tried before the ${seconds(deadline.budgetMs)} deadline` };
  return { ...failures[failures.length - 1]!, errorMessage: connectSummary(failures, opts.addresses.length, deadline.budgetMs) };
}

/** "no connection to any of the 16 addresses (16 timed out)", or how many were tried before the deadline. */
function connectSummary(failures: Attempt[], total: number, budgetMs: number): string {
  if (total === 1 && failures.length === 1) return `no connection to ${failures[0]!.addressUsed}: ${failures[0]!.errorMessage}`;
  const byKind = new Map<string, number>();
  for (const f of failures) {
    const kind = f.errorCode === 'ETIMEDOUT' ? 'timed out' : f.errorCode === 'ECONNREFUSED' ? 'refused' : f.errorCode ?? 'failed';
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const kinds = [...byKind].map(([k, n]) => `${count(n)} ${k}`).join(', ');
  if (failures.length >= total) return `no connection to any of the ${count(total)} addresses (${kinds})`;
  return `no connection to the ${count(failures.length)} of ${count(total)} addresses tried (${kinds}); the other ${count(total - failures.length)} were not reached before the ${seconds(budgetMs)} deadline`;
}

/** One address: TCP and TLS within `connectMs`, the certificate judged, then the GET within the deadline. */
async function fetchFrom(address: string, opts: PolicyFetchOptions, deadline: FetchDeadline, connectMs: number): Promise<Attempt> {
  const elapsed = () => wholeMs(deadline.elapsed());
  const hs = await handshake({ host: address, port: opts.port, servername: opts.host, reference: opts.host, trust: opts.trust, alpn: ['http/1.1'], now: opts.now, timeoutMs: connectMs });
  if (!hs.ok) {
    if (hs.stage === 'connect') {
      return { addressUsed: address, outcome: 'connect-failed', errorCode: hs.code, errorMessage: hs.message, bodyBytes: 0, truncated: false, timings: { totalMs: elapsed() } };
    }
    const obsolete = await offersOnlyObsoleteTls(address, opts, deadline);
    return {
      addressUsed: address, outcome: obsolete ? 'tls-obsolete' : 'tls-failed', errorCode: hs.code,
      errorMessage: obsolete ? `server negotiates only ${obsolete}` : hs.message, bodyBytes: 0, truncated: false, timings: { totalMs: elapsed() },
    };
  }
  const tlsEvidence = hs.evidence;
  const certProblem = judgeCertificate(tlsEvidence, opts.now);
  if (certProblem) {
    hs.socket.destroy();
    return { addressUsed: address, outcome: certProblem.outcome, errorCode: certProblem.code, errorMessage: certProblem.message, tls: tlsEvidence, bodyBytes: 0, truncated: false, timings: { connectMs: hs.connectMs, totalMs: elapsed() } };
  }
  if (deadline.expired()) {
    hs.socket.destroy();
    return { addressUsed: address, outcome: 'timeout', errorCode: 'DEADLINE', errorMessage: `the ${seconds(deadline.budgetMs)} deadline passed during the TLS handshake`, tls: tlsEvidence, bodyBytes: 0, truncated: false, timings: { connectMs: hs.connectMs, totalMs: elapsed() } };
  }
  const got = await httpGet({
    socket: hs.socket, authority: opts.port === 443 ? opts.host : `${opts.host}:${opts.port}`, path: POLICY_PATH, userAgent: opts.userAgent,
    maxBodyBytes: POLICY_MAX_BYTES, maxHeaderBytes: POLICY_MAX_HEADER_BYTES, idleMs: opts.idleTimeoutMs, deadline,
  });
  return { addressUsed: address, tls: tlsEvidence, ...fromExchange(got), timings: { connectMs: hs.connectMs, headersMs: got.headersAt === undefined ? undefined : wholeMs(got.headersAt), totalMs: elapsed() } };
}

function fromExchange(got: HttpGetResult): Omit<Attempt, 'timings'> {
  const headers = got.headers ? pickHeaders(got.headers) : undefined;
  const informational = got.informational.length ? { informational: got.informational } : {};
  if (got.kind !== 'response') {
    // What arrived is kept as evidence (status, headers, how much body), but it is not a policy.
    return { outcome: got.kind === 'timeout' ? 'timeout' : 'response-incomplete', errorCode: got.code, errorMessage: got.message, status: got.status, headers, bodyBytes: got.body.length, truncated: false, ...informational };
  }
  const { status, body: bytes, truncated } = got;
  const declared = Number(headers?.['content-length']);
  const outcome: PolicyFetchOutcome =
    status >= 300 && status < 400 ? 'redirect' : status !== 200 ? 'status-not-200' : truncated || declared > POLICY_MAX_BYTES ? 'body-too-large' : 'ok';
  return {
    outcome, status, headers, bodyBase64: bytes.toString('base64'), bodyBytes: bytes.length, truncated,
    bodySha256: createHash('sha256').update(bytes).digest('hex'), ...informational,
  };
}

/** A sender refuses the session on any of these (RFC 8461 §3.3); we report the first, trust before dates before name. */
export function judgeCertificate(t: TlsSessionEvidence, now: Date): { outcome: PolicyFetchOutcome; code: string; message: string } | undefined {
  if (!t.chainTrusted) return { outcome: 'cert-untrusted', code: t.chainError ?? 'UNTRUSTED', message: `certificate chain not trusted (${t.chainError ?? 'unknown'})` };
  const bad = chainOutsideValidity(t, now);
  if (bad) return { outcome: 'cert-expired', code: 'CERT_DATES', message: `certificate "${bad.subject}" valid ${bad.notBefore} to ${bad.notAfter}` };
  if (!t.nameValid) return { outcome: 'cert-name-mismatch', code: 'NAME_MISMATCH', message: `no SAN dNSName matches ${t.referenceName} (SANs: ${t.chain[0]?.dnsNames.join(', ') || 'none'})` };
  return undefined;
}

/** A second, legacy handshake tells "only TLS 1.0/1.1" apart from other failures; it too is on the deadline. */
async function offersOnlyObsoleteTls(address: string, opts: PolicyFetchOptions, deadline: FetchDeadline): Promise<string | undefined> {
  const timeoutMs = Math.floor(Math.min(5000, opts.idleTimeoutMs, deadline.remaining()));
  if (timeoutMs < 1) return undefined;
  const hs = await handshake({ host: address, port: opts.port, servername: opts.host, reference: opts.host, trust: opts.trust, flavour: 'legacy', alpn: ['http/1.1'], now: opts.now, timeoutMs });
  if (!hs.ok) return undefined;
  hs.socket.destroy();
  return isObsoleteProtocol(hs.evidence.protocol) ? hs.evidence.protocol : undefined;
}

function pickHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw).slice(0, 64)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = (Array.isArray(v) ? v.join(', ') : v).slice(0, MAX_HEADER_VALUE);
  }
  return out;
}
