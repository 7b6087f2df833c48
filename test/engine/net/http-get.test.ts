/**
 * The GET over an already-judged TLS socket (net/http-get.ts): interim 1xx skipped (RFC 9110 §15.2), and every
 * broken response told in words. Each case is a server writing raw bytes; the lab domains cover the rest.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa } from '../../../electron/lab/ca';
import { createTrustStore, handshake, type TrustStore } from '../../../electron/engine/tls/handshake';
import { httpGet } from '../../../electron/engine/net/http-get';
import { FetchDeadline } from '../../../electron/engine/net/fetch-deadline';

const HOST = 'mta-sts.raw.test';
/** Path → what the server writes, then whether it closes (FIN) afterwards. */
const SCRIPTS: Record<string, { write: string; close?: boolean }> = {
  '/fin-mid-body': { write: 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nhello', close: true },
  '/fin-chunked': { write: 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n', close: true },
  '/garbage': { write: 'SMTP/1.0 220 hello\r\n\r\n' },
  '/processing': { write: 'HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok' },
  '/too-big': { write: `HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n${'x'.repeat(100)}` },
  '/no-response': { write: '', close: true },
};
let server: https.Server;
let trust: TrustStore;
let port: number;

beforeAll(async () => {
  const ca = await createCa('Raw Root');
  const leaf = await ca.issue({ dnsNames: [HOST] });
  server = https.createServer({ key: leaf.keyPem, cert: leaf.chainPem }, (req) => {
    const script = SCRIPTS[req.url ?? '']!;
    const socket = req.socket;
    socket.on('error', () => undefined);
    socket.write(script.write, () => {
      if (script.close) socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  trust = createTrustStore(ca.certPem);
});

afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));

async function get(path: string, maxBodyBytes = 65_536) {
  const hs = await handshake({ host: '127.0.0.1', port, servername: HOST, reference: HOST, trust, alpn: ['http/1.1'], now: new Date(), timeoutMs: 5000 });
  if (!hs.ok) throw new Error(hs.message);
  return httpGet({ socket: hs.socket as TLSSocket, authority: HOST, path, userAgent: 'test', maxBodyBytes, maxHeaderBytes: 16_384, idleMs: 5000, deadline: new FetchDeadline(5000) });
}

describe('httpGet', () => {
  it('skips a 102 Processing and reads the 200 after it', async () => {
    const r = await get('/processing');
    expect(r).toMatchObject({ kind: 'response', status: 200, informational: [102], truncated: false });
    expect(r.body.toString()).toBe('ok');
  });

  it('says how much of a declared body came before the server closed', async () => {
    expect(await get('/fin-mid-body')).toMatchObject({ kind: 'incomplete', status: 200, message: 'the connection was closed after 5 of 10 body bytes' });
  });

  it('says a chunked body ended without its last chunk', async () => {
    expect(await get('/fin-chunked')).toMatchObject({ kind: 'incomplete', message: 'the connection was closed after 5 body bytes' });
  });

  it('calls bytes that are not HTTP/1.1 malformed', async () => {
    const r = await get('/garbage');
    expect(r.kind).toBe('incomplete');
    expect(r.kind !== 'response' && r.message).toMatch(/^the response is not valid HTTP\/1\.1 \(.+\)$/);
  });

  it('says the connection closed before any response', async () => {
    expect(await get('/no-response')).toMatchObject({ kind: 'incomplete', message: 'the connection was closed before a final response' });
  });

  it('stops at the body cap plus one byte', async () => {
    const r = await get('/too-big', 64);
    expect(r).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(r.body.length).toBe(65);
  });
});
