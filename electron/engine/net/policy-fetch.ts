/**
 * Fetches `https://mta-sts.<d>/.well-known/mta-sts.txt` the way a strict sender must (RFC 8461 §3.3):
 * certificate valid for the policy host, no redirects followed, only 200 accepted, a hard size cap and
 * time-outs, no HTTP caching. Everything observed is returned as evidence; nothing is thrown.
 */
import { createHash } from 'node:crypto';
import { Client, errors as undiciErrors } from 'undici';
import type { PolicyFetchEvidence, PolicyFetchOutcome, TlsSessionEvidence } from '../../../shared/types';
import { handshake, isObsoleteProtocol, type TrustStore } from '../tls/handshake';
import { chainOutsideValidity } from '../tls/certificate';

export const POLICY_PATH = '/.well-known/mta-sts.txt';
/** RFC 8461 §3.3 suggests 64 KB; we use 65,536 bytes (CHECKS §4.1). */
export const POLICY_MAX_BYTES = 65_536;
const MAX_HEADER_VALUE = 1024;

export interface PolicyFetchOptions {
  host: string;
  addresses: string[];
  port: number;
  trust: TrustStore;
  timeoutMs: number;
  idleTimeoutMs: number;
  now: Date;
  userAgent: string;
  /** Runs one connection attempt to one address under the run's per-IP politeness limit. */
  perAddress?: <T>(address: string, attempt: () => Promise<T>) => Promise<T>;
}

type Attempt = Omit<PolicyFetchEvidence, 'url' | 'host' | 'port' | 'addresses'>;

export async function fetchPolicy(opts: PolicyFetchOptions): Promise<PolicyFetchEvidence> {
  const url = `https://${opts.host}${opts.port === 443 ? '' : `:${opts.port}`}${POLICY_PATH}`;
  const base = { url, host: opts.host, port: opts.port, addresses: opts.addresses };
  let last: Attempt = { outcome: 'connect-failed', bodyBytes: 0, truncated: false, timings: { totalMs: 0 }, errorMessage: 'no address to connect to' };
  // The budget and the timings count time spent talking to the host, not time queued behind the run's
  // other fetches to the same address (perAddress): a busy shared host must not look slow or time out.
  let spent = 0;
  const attemptAt = (address: string) => async (): Promise<Attempt> => {
    const t0 = performance.now();
    try {
      return await fetchFrom(address, opts, t0 - spent);
    } finally {
      spent += performance.now() - t0;
    }
  };
  for (const address of opts.addresses) {
    if (opts.timeoutMs - spent <= 0) break;
    const attempt = opts.perAddress ? await opts.perAddress(address, attemptAt(address)) : await attemptAt(address)();
    // Only connection-level failures move on to the next address; any TLS or HTTP answer is the host's answer.
    if (attempt.outcome !== 'connect-failed' && attempt.outcome !== 'tls-failed') return { ...base, ...attempt };
    if (last.outcome !== 'tls-failed') last = attempt;
  }
  return { ...base, ...last, timings: { ...last.timings, totalMs: Math.round(spent) } };
}

/** `started`: when the fetch as a whole started, not counting time queued; the budget is `opts.timeoutMs` from then. */
async function fetchFrom(address: string, opts: PolicyFetchOptions, started: number): Promise<Attempt> {
  const elapsed = () => Math.round(performance.now() - started);
  const budgetMs = opts.timeoutMs - (performance.now() - started);
  const hs = await handshake({ host: address, port: opts.port, servername: opts.host, reference: opts.host, trust: opts.trust, alpn: ['http/1.1'], now: opts.now, timeoutMs: Math.min(budgetMs, opts.idleTimeoutMs) });
  if (!hs.ok) {
    if (hs.stage === 'connect') {
      return { addressUsed: address, outcome: 'connect-failed', errorCode: hs.code, errorMessage: hs.message, bodyBytes: 0, truncated: false, timings: { totalMs: elapsed() } };
    }
    const obsolete = await offersOnlyObsoleteTls(address, opts);
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
  return httpGet(address, hs.socket, tlsEvidence, opts, opts.timeoutMs - elapsed(), hs.connectMs, elapsed);
}

/** A sender refuses the session on any of these (RFC 8461 §3.3); we report the first, trust before dates before name. */
export function judgeCertificate(t: TlsSessionEvidence, now: Date): { outcome: PolicyFetchOutcome; code: string; message: string } | undefined {
  if (!t.chainTrusted) return { outcome: 'cert-untrusted', code: t.chainError ?? 'UNTRUSTED', message: `certificate chain not trusted (${t.chainError ?? 'unknown'})` };
  const bad = chainOutsideValidity(t, now);
  if (bad) return { outcome: 'cert-expired', code: 'CERT_DATES', message: `certificate "${bad.subject}" valid ${bad.notBefore} to ${bad.notAfter}` };
  if (!t.nameValid) return { outcome: 'cert-name-mismatch', code: 'NAME_MISMATCH', message: `no SAN dNSName matches ${t.referenceName} (SANs: ${t.chain[0]?.dnsNames.join(', ') || 'none'})` };
  return undefined;
}

async function offersOnlyObsoleteTls(address: string, opts: PolicyFetchOptions): Promise<string | undefined> {
  const hs = await handshake({ host: address, port: opts.port, servername: opts.host, reference: opts.host, trust: opts.trust, flavour: 'legacy', alpn: ['http/1.1'], now: opts.now, timeoutMs: Math.min(5000, opts.idleTimeoutMs) });
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

async function httpGet(address: string, socket: import('node:tls').TLSSocket, tlsEvidence: TlsSessionEvidence, opts: PolicyFetchOptions, budgetMs: number, connectMs: number, elapsed: () => number): Promise<Attempt> {
  const client = new Client(`https://${opts.host}:${opts.port}`, {
    // The socket is already handshaken and judged. undici 8 re-enters its dispatch loop when the connector
    // answers synchronously and then never sends the request, so the answer is deferred by a tick.
    connect: (_o, cb) => process.nextTick(() => cb(null, socket)),
    headersTimeout: Math.max(1, Math.floor(budgetMs)),
    bodyTimeout: opts.idleTimeoutMs,
  });
  const abort = AbortSignal.timeout(Math.max(1, Math.floor(budgetMs)));
  const common = { addressUsed: address, tls: tlsEvidence };
  let headersMs: number | undefined;
  let clean = false;
  try {
    const res = await client.request({ path: POLICY_PATH, method: 'GET', signal: abort, headers: { 'user-agent': opts.userAgent, accept: 'text/plain', 'cache-control': 'no-cache' } });
    headersMs = elapsed();
    const headers = pickHeaders(res.headers);
    const status = res.statusCode;
    const declared = Number(headers['content-length']);
    const { bytes, truncated } = await readCapped(res.body, POLICY_MAX_BYTES);
    clean = !truncated;
    const outcome: PolicyFetchOutcome =
      status >= 300 && status < 400 ? 'redirect' : status !== 200 ? 'status-not-200' : truncated || declared > POLICY_MAX_BYTES ? 'body-too-large' : 'ok';
    return {
      ...common, outcome, status, headers, bodyBase64: bytes.toString('base64'), bodyBytes: bytes.length, truncated,
      bodySha256: createHash('sha256').update(bytes).digest('hex'), timings: { connectMs, headersMs, totalMs: elapsed() },
    };
  } catch (e) {
    const err = e as Error & { code?: string };
    const timedOut = abort.aborted || err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || err.name === 'AbortError' || err.name === 'TimeoutError';
    return { ...common, outcome: timedOut ? 'timeout' : 'error', errorCode: err.code ?? err.name, errorMessage: err.message, bodyBytes: 0, truncated: false, timings: { connectMs, headersMs, totalMs: elapsed() } };
  } finally {
    // A complete exchange closes gracefully; destroy() would build an error object (and its stack) every time.
    if (clean) client.close().catch(() => undefined);
    else client.destroy().catch(() => undefined);
  }
}

/** Reads at most `cap + 1` bytes, so "over the cap" is proven without downloading an unbounded body. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > cap) {
      body.destroy();
      return { bytes: Buffer.concat(chunks).subarray(0, cap + 1), truncated: true };
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
