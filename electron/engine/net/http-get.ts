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
  return new Promise((resolve) => new Exchange(o, resolve).start());
}

/** One request and its response; `resolve` is called exactly once, and the socket is gone by then. */
class Exchange {
  private readonly got: Received = { informational: [], body: Buffer.alloc(0) };
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private res: IncomingMessage | undefined;
  private socketError: NodeJS.ErrnoException | undefined;
  private settled = false;
  private idle: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;

  constructor(private readonly o: HttpGetOptions, private readonly resolve: (r: HttpGetResult) => void) {}

  start(): void {
    const { o } = this;
    this.deadline = setTimeout(() => this.deadlinePassed(), Math.max(1, o.deadline.remaining()));
    o.socket.on('error', (e: NodeJS.ErrnoException) => (this.socketError ??= e));
    const req = http.request({
      createConnection: () => o.socket,
      method: 'GET',
      path: o.path,
      setHost: false,
      maxHeaderSize: o.maxHeaderBytes,
      insecureHTTPParser: false,
      headers: { host: o.authority, 'user-agent': o.userAgent, accept: 'text/plain', 'cache-control': 'no-cache', connection: 'close' },
    });
    req.on('information', (info) => this.got.informational.push(info.statusCode));
    req.on('upgrade', () => this.fail('incomplete', 'UPGRADE', 'the server switched protocols (101) instead of answering'));
    req.on('error', (e: NodeJS.ErrnoException) => this.requestFailed(e));
    req.on('response', (r: IncomingMessage) => this.response(r));
    req.end();
  }

  private response(r: IncomingMessage): void {
    this.res = r;
    Object.assign(this.got, { status: r.statusCode, headers: r.headers, headersAt: this.o.deadline.elapsed() });
    this.armIdle();
    const final = (truncated: boolean) => ({ ...this.snapshot(), kind: 'response' as const, status: r.statusCode!, headers: r.headers, truncated });
    r.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.size += chunk.length;
      if (this.size > this.o.maxBodyBytes) this.settle(final(true));
      else this.armIdle();
    });
    r.on('end', () => this.settle(final(false), true));
    // A close before the end (FIN or RST mid-body) arrives as an error or a close of an incomplete response.
    r.on('error', (e: NodeJS.ErrnoException) => this.fail('incomplete', e.code ?? e.name, `the connection was ${this.ended()} after ${this.bodySoFar()}`));
    r.on('close', () => {
      if (!r.complete) this.fail('incomplete', this.socketError?.code ?? 'PREMATURE_CLOSE', `the connection was ${this.ended()} after ${this.bodySoFar()}`);
    });
  }

  private requestFailed(e: NodeJS.ErrnoException): void {
    const code = e.code ?? e.name;
    const what = this.res ? 'the body' : `the response${this.interim()}`;
    if (code === 'HPE_HEADER_OVERFLOW') this.fail('incomplete', code, `the response header section${this.interim()} exceeds ${count(this.o.maxHeaderBytes)} bytes`);
    else if (code.startsWith('HPE_')) this.fail('incomplete', code, `${what} is not valid HTTP/1.1 (${(e as { reason?: string }).reason ?? e.message})`);
    else if (this.res) this.fail('incomplete', code, `the connection was ${this.ended()} after ${this.bodySoFar()}`);
    else this.fail('incomplete', code, `the connection was ${this.ended()} before a final response${this.interim()}`);
  }

  private deadlinePassed(): void {
    const limit = seconds(this.o.deadline.budgetMs);
    if (!this.res) this.fail('timeout', 'DEADLINE', `no final response${this.interim()} within the ${limit} deadline`);
    else this.fail('timeout', 'DEADLINE', `the body was not complete when the ${limit} deadline passed (${this.bodySoFar()} received)`);
  }

  private armIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.fail('timeout', 'BODY_IDLE', `the body stalled: nothing for ${seconds(this.o.idleMs)} after ${this.size ? this.bodySoFar() : 'the headers'}`);
    }, this.o.idleMs);
  }

  private fail(kind: 'timeout' | 'incomplete', code: string, message: string): void {
    this.settle({ ...this.snapshot(), kind, code, message });
  }

  private settle(result: HttpGetResult, graceful = false): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.deadline);
    clearTimeout(this.idle);
    const { socket } = this.o;
    // A complete exchange closes with close_notify and FIN; the socket goes once that is written, whether or
    // not the server ever closes its side.
    if (graceful) socket.end(() => socket.destroy());
    else socket.destroy();
    this.resolve(result);
  }

  /** What arrived so far; the body is cut to the cap plus one byte (proof that the cap was exceeded). */
  private snapshot(): Received {
    return { ...this.got, body: Buffer.concat(this.chunks).subarray(0, this.o.maxBodyBytes + 1) };
  }

  /** Which way the connection ended: an RST (ECONNRESET) or a plain close. */
  private ended(): string {
    return this.socketError?.code === 'ECONNRESET' ? 'reset' : 'closed';
  }

  private interim(): string {
    const seen = this.got.informational;
    return seen.length ? ` after the interim ${seen.map(statusName).join(' and ')}` : '';
  }

  private bodySoFar(): string {
    const declared = declaredLength(this.res?.headers['content-length']);
    return `${count(this.size)}${declared !== undefined ? ` of ${count(declared)}` : ''} body bytes`;
  }
}

const INTERIM_NAMES: Record<number, string> = { 100: 'Continue', 102: 'Processing', 103: 'Early Hints' };

function statusName(status: number): string {
  return INTERIM_NAMES[status] ? `${status} ${INTERIM_NAMES[status]}` : String(status);
}

function declaredLength(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
