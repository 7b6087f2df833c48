/** SMTP reply parsing on a real socket pair: the server's bytes are untrusted and arrive in any split. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplyReader, ehloKeywords } from '../../../electron/engine/smtp/reply-reader';

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()!();
});

/** A server that writes `chunks` one by one, and a reader on the client side of the connection. */
async function readerFor(chunks: string[]): Promise<ReplyReader> {
  const server = net.createServer(async (s) => {
    for (const c of chunks) {
      s.write(c);
      await new Promise((r) => setTimeout(r, 2));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
  cleanup.push(() => {
    socket.destroy();
    server.close();
  });
  return new ReplyReader(socket);
}

describe('ReplyReader', () => {
  it('accepts a last line that is the bare code (RFC 5321 §4.2)', async () => {
    const r = await readerFor(['220\r\n', '250-mx.example\r\n250\r\n']);
    expect(await r.next(2000, 'greeting')).toEqual({ code: 220, lines: ['220'] });
    const ehlo = await r.next(2000, 'EHLO reply');
    expect(ehlo.code).toBe(250);
    expect(ehloKeywords(ehlo)).toEqual([]);
  });

  it('joins continuation lines split across packets', async () => {
    const r = await readerFor(['250-mx.exa', 'mple\r\n250-PIPELINING\r\n250 STARTTLS\r\n']);
    const ehlo = await r.next(2000, 'EHLO reply');
    expect(ehloKeywords(ehlo)).toEqual(['PIPELINING', 'STARTTLS']);
  });

  it('rejects a line that is not a reply', async () => {
    const r = await readerFor(['HTTP/1.1 400 Bad Request\r\n']);
    await expect(r.next(2000, 'greeting')).rejects.toThrow(/not an SMTP reply/);
  });
});
