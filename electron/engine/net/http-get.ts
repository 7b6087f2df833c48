/**
 * One HTTP/1.1 GET over a TLS socket that is already handshaken and judged, read with Node's own HTTP parser.
 * undici (8.x) destroys the connection on an interim `100 Continue` ("bad response": it does not implement
 * Expect), but RFC 9110 §15.2 has a client parse and skip every 1xx before the final response, as
 * postfix-mta-sts-resolver and curl do; Node's client does exactly that. Every way the exchange can fail is
 * told in words: a time-out (the deadline, or a stalled body) or an incomplete or malformed response.
 */
import http, { type IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { count, seconds, type FetchDeadline } from './fetch-deadline';

export interface HttpGetOptions {
  socket: TLSSocket;
  /** The Host header (RFC 9110 §7.2): the policy host, with the port when it is not 443. */
  authority: string;
  path: string;
  userAgent: string;
  /** Read at most this many body bytes plus one (proof that the cap was exceeded). */
  maxBodyBytes: number;
  /** Status line and header fields together, per response (1xx responses each have their own). */
  maxHeaderBytes: number;
  /** Longest silence allowed between body bytes. */
  idleMs: number;
  deadline: FetchDeadline;
}

interface Received {
  /** Status codes of the interim (1xx) responses skipped, in order. */
  informational: number[];
  status?: number;
  headers?: IncomingMessage['headers'];
  body: Buffer;
  /** Deadline clock reading when the final response's headers were complete. */
  headersAt?: number;
}

export type HttpGetResult =
  | (Received & { kind: 'response'; status: number; headers: IncomingMessage['headers']; truncated: boolean })
  | (Received & { kind: 'timeout' | 'incomplete'; code: string; message: string });

export function httpGet(o: HttpGetOptions): Promise<HttpGetResult> {
  return new Promise((resolve) => {
    const got: Received = { informational: [], body: Buffer.alloc(0) };
    const chunks: Buffer[] = [];
    let size = 0;
    let res: IncomingMessage | undefined;
    let socketError: NodeJS.ErrnoException | undefined;
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    let deadlineTimer: NodeJS.Timeout | undefined;

    const settle = (result: HttpGetResult, graceful = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadlineTimer);
      clearTimeout(idle);
      // A complete exchange closes with close_notify and FIN; the socket goes once that is written, whether or
      // not the server ever closes its side.
      if (graceful) o.socket.end(() => o.socket.destroy());
      else o.socket.destroy();
      resolve(result);
    };
    const snapshot = (): Received => ({ ...got, body: Buffer.concat(chunks) });
    const fail = (kind: 'timeout' | 'incomplete', code: string, message: string) => settle({ ...snapshot(), kind, code, message });
    const declared = () => declaredLength(res?.headers['content-length']);
    const interim = () => (got.informational.length ? ` after the interim ${got.informational.map(statusName).join(' and ')}` : '');
    const bodySoFar = () => `${count(size)}${declared() !== undefined ? ` of ${count(declared()!)}` : ''} body bytes`;

    deadlineTimer = setTimeout(() => {
      const limit = seconds(o.deadline.budgetMs);
      if (!res) fail('timeout', 'DEADLINE', `no final response${interim()} within the ${limit} deadline`);
      else fail('timeout', 'DEADLINE', `the body was not complete when the ${limit} deadline passed (${bodySoFar()} received)`);
    }, Math.max(1, o.deadline.remaining()));
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => fail('timeout', 'BODY_IDLE', `the body stalled: nothing for ${seconds(o.idleMs)} after ${size ? bodySoFar() : 'the headers'}`), o.idleMs);
    };
    // Which way a connection ended: an RST (ECONNRESET) or a plain close.
    const ended = () => (socketError?.code === 'ECONNRESET' ? 'reset' : 'closed');
    o.socket.on('error', (e: NodeJS.ErrnoException) => (socketError ??= e));

    const req = http.request({
      createConnection: () => o.socket,
      method: 'GET',
      path: o.path,
      setHost: false,
      maxHeaderSize: o.maxHeaderBytes,
      insecureHTTPParser: false,
      headers: { host: o.authority, 'user-agent': o.userAgent, accept: 'text/plain', 'cache-control': 'no-cache', connection: 'close' },
    });
    req.on('information', (info) => got.informational.push(info.statusCode));
    req.on('upgrade', () => fail('incomplete', 'UPGRADE', 'the server switched protocols (101) instead of answering'));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.name;
      if (code === 'HPE_HEADER_OVERFLOW') fail('incomplete', code, `the response header section${interim()} exceeds ${count(o.maxHeaderBytes)} bytes`);
      else if (code.startsWith('HPE_')) fail('incomplete', code, `${res ? 'the body' : `the response${interim()}`} is not valid HTTP/1.1 (${(e as { reason?: string }).reason ?? e.message})`);
      else if (res) fail('incomplete', code, `the connection was ${ended()} after ${bodySoFar()}`);
      else fail('incomplete', code, `the connection was ${ended()} before a final response${interim()}`);
    });
    req.on('response', (r: IncomingMessage) => {
      res = r;
      got.status = r.statusCode;
      got.headers = r.headers;
      got.headersAt = o.deadline.elapsed();
      armIdle();
      r.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size > o.maxBodyBytes) settle({ ...snapshot(), body: Buffer.concat(chunks).subarray(0, o.maxBodyBytes + 1), kind: 'response', status: r.statusCode!, headers: r.headers, truncated: true });
        else armIdle();
      });
      r.on('end', () => settle({ ...snapshot(), kind: 'response', status: r.statusCode!, headers: r.headers, truncated: false }, true));
      // A close before the end (FIN or RST mid-body) arrives as 'aborted'/'error' on the response.
      r.on('error', (e: NodeJS.ErrnoException) => fail('incomplete', e.code ?? e.name, `the connection was ${ended()} after ${bodySoFar()}`));
      r.on('close', () => {
        if (!r.complete) fail('incomplete', 'ECONNRESET', `the connection was ${ended()} after ${bodySoFar()}`);
      });
    });
    req.end();
  });
}

const INTERIM_NAMES: Record<number, string> = { 100: 'Continue', 102: 'Processing', 103: 'Early Hints' };

function statusName(status: number): string {
  return INTERIM_NAMES[status] ? `${status} ${INTERIM_NAMES[status]}` : String(status);
}

function declaredLength(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
