/**
 * Reads SMTP replies (RFC 5321 §4.2: `ddd-text` continuation lines, then `ddd text`) from a socket with
 * hard bounds, because the server is untrusted: a reply line may not exceed 2,048 octets (the RFC's limit
 * is 512), a reply 200 lines, and the whole conversation 64 KiB. Text is decoded as Latin-1 so any byte
 * survives as evidence without throwing.
 */
import type net from 'node:net';

export interface SmtpReply {
  code: number;
  lines: string[];
}

export class SmtpProtocolError extends Error {
  override name = 'SmtpProtocolError';
  constructor(message: string, readonly timedOut = false, readonly closed = false) {
    super(message);
  }
}

const MAX_LINE = 2048;
const MAX_LINES = 200;
const MAX_TOTAL = 65_536;
/** RFC 5321 §4.2: the last line may be the bare code, without SP or text (`Reply-code [ SP textstring ]`). */
const REPLY_LINE = /^(\d{3})(?:([ -])(.*))?$/;

export class ReplyReader {
  private buffer = '';
  private total = 0;
  private pending: SmtpReply[] = [];
  private lines: string[] = [];
  private waiter?: { resolve: (r: SmtpReply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
  private failure?: () => SmtpProtocolError;
  private readonly onData = (chunk: Buffer) => this.feed(chunk);
  // Errors are built only when someone is waiting: a server closing after QUIT is the normal end, and an
  // Error (with its stack) per probe is measurable at thousands of probes.
  private readonly onEnd = () => this.fail(() => new SmtpProtocolError('the server closed the connection', false, true));
  private readonly onError = (e: Error) => this.fail(() => new SmtpProtocolError(`connection error: ${e.message}`, false, true));

  constructor(private readonly socket: net.Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Stops reading (before the socket is handed to TLS). Returns bytes received after the last reply. */
  detach(): string {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    const rest = this.buffer;
    this.buffer = '';
    return rest;
  }

  /** What arrived of a reply not yet complete (lines so far and the unterminated rest), for evidence. */
  partial(): string {
    return [...this.lines, this.buffer].filter((l) => l.length > 0).join(' | ');
  }

  /**
   * The next complete reply. `timeoutMs` bounds the whole reply, not the silence between bytes: a server
   * trickling a reply a byte at a time cannot keep the session open past it.
   */
  next(timeoutMs: number, what: string): Promise<SmtpReply> {
    const ready = this.pending.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new SmtpProtocolError(`no ${what} within ${timeoutMs} ms`, true));
      }, timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  private feed(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.total > MAX_TOTAL) return this.fail(() => new SmtpProtocolError(`the server sent more than ${MAX_TOTAL} bytes`));
    this.buffer += chunk.toString('latin1');
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.line(line);
      if (this.failure) return;
    }
    if (this.buffer.length > MAX_LINE) this.fail(() => new SmtpProtocolError(`a reply line longer than ${MAX_LINE} bytes`));
  }

  private line(line: string): void {
    if (line.length > MAX_LINE) return this.fail(() => new SmtpProtocolError(`a reply line longer than ${MAX_LINE} bytes`));
    const m = REPLY_LINE.exec(line);
    if (!m) return this.fail(() => new SmtpProtocolError(`not an SMTP reply: ${JSON.stringify(line.slice(0, 80))}`));
    this.lines.push(line);
    if (this.lines.length > MAX_LINES) return this.fail(() => new SmtpProtocolError(`a reply of more than ${MAX_LINES} lines`));
    if (m[2] === '-') return;
    const reply = { code: Number(m[1]), lines: this.lines };
    this.lines = [];
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve(reply);
    } else this.pending.push(reply);
  }

  private fail(make: () => SmtpProtocolError): void {
    if (this.failure) return;
    this.failure = make;
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      const w = this.waiter;
      this.waiter = undefined;
      w.reject(make());
    }
  }
}

/** EHLO keywords (RFC 5321 §4.1.1.1): every line after the first, first word, upper-cased. */
export function ehloKeywords(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((l) => l.slice(4).trim().split(/\s+/)[0]!.toUpperCase()).filter((k) => k.length > 0);
}
