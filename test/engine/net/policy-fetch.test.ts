/**
 * The policy fetch's time budget (RFC 8461 §3.3 leaves the time-out to the sender; CHECKS §4.1) counts the
 * time spent with the host, not the time an audit waits for its turn at a busy shared address; it is one
 * deadline for every address and retry. The hostile hosts themselves are lab domains (lab-estate.test.ts).
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa } from '../../../electron/lab/ca';
import { createTrustStore, type TrustStore } from '../../../electron/engine/tls/handshake';
import { fetchPolicy, type PolicyFetchOptions } from '../../../electron/engine/net/policy-fetch';
import { FetchDeadline } from '../../../electron/engine/net/fetch-deadline';

const HOST = 'mta-sts.queue.test';
const BODY = 'version: STSv1\r\nmode: enforce\r\nmx: mx.queue.test\r\nmax_age: 86400\r\n';
let server: https.Server;
let trust: TrustStore;
let port: number;

beforeAll(async () => {
  const ca = await createCa('Fetch Root');
  const leaf = await ca.issue({ dnsNames: [HOST] });
  server = https.createServer({ key: leaf.keyPem, cert: leaf.chainPem }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  trust = createTrustStore(ca.certPem);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function options(extra: Partial<PolicyFetchOptions>): PolicyFetchOptions {
  return { host: HOST, addresses: ['127.0.0.1'], port, trust, timeoutMs: 2000, idleTimeoutMs: 2000, now: new Date(), userAgent: 'test', ...extra };
}

describe('fetchPolicy time budget', () => {
  it('does not count time queued for the address against the budget or the timings', async () => {
    const queued = <T>(_address: string, attempt: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => attempt().then(resolve, reject), 1800));
    const ev = await fetchPolicy(options({ timeoutMs: 1500, perAddress: queued }));
    expect(ev.outcome).toBe('ok');
    expect(ev.timings.totalMs).toBeLessThan(1500);
  });

  it('fetches the policy without a queue', async () => {
    const ev = await fetchPolicy(options({}));
    expect(ev.outcome).toBe('ok');
    expect(ev.bodyBytes).toBe(Buffer.byteLength(BODY));
  });
});

describe('FetchDeadline', () => {
  it('runs the clock only while work runs, across several pieces of work', async () => {
    let now = 0;
    const deadline = new FetchDeadline(1000, () => now);
    await deadline.run(async () => {
      now += 400;
    });
    now += 5000; // queued for the address: not time with the host
    expect(deadline.remaining()).toBe(600);
    await deadline.run(async () => {
      now += 250;
      expect(deadline.elapsed()).toBe(650);
    });
    expect(deadline.expired()).toBe(false);
    await deadline.run(async () => {
      now += 350;
    });
    expect(deadline.expired()).toBe(true);
  });
});

describe('fetchPolicy over several addresses', () => {
  it('tries every refused address, then one more round, and says how many', async () => {
    // Nothing listens on these loopback addresses at this port: each connect is refused at once.
    const addresses = ['127.0.0.9', '127.0.0.10', '127.0.0.11'];
    const ev = await fetchPolicy(options({ addresses, retries: 1 }));
    expect(ev).toMatchObject({ outcome: 'connect-failed', attempts: 2, addressesTried: 3, deadlineMs: 2000 });
    expect(ev.errorMessage).toBe('no connection to any of the 3 addresses (3 refused)');
    expect(Number.isInteger(ev.timings.totalMs)).toBe(true);
  });

  it('does not try again once an address answered', async () => {
    const ev = await fetchPolicy(options({ addresses: ['127.0.0.9', '127.0.0.1'], retries: 3 }));
    expect(ev).toMatchObject({ outcome: 'ok', attempts: 1, addressesTried: 2, addressUsed: '127.0.0.1' });
  });
});
