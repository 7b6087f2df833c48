/**
 * The prober asks the run's store first: a probe stored before a pause or a crash is the run's answer for
 * that address, so resumed domains get the same evidence as the ones audited before.
 */
import { describe, expect, it } from 'vitest';
import { SmtpProber } from '../../../electron/engine/smtp/prober';
import { createTrustStore } from '../../../electron/engine/tls/handshake';
import type { DnsLookup } from '../../../electron/engine/net/dns';
import { DEFAULT_SETTINGS, type SmtpProbe } from '../../../shared/types';

const noDns: DnsLookup = { query: () => Promise.reject(new Error('no DNS in this test')) };

describe('SmtpProber with a stored probe', () => {
  it('returns the stored probe without connecting, once per address', async () => {
    const stored: SmtpProbe = { host: 'mx.example', address: '192.0.2.1', port: 2525, outcome: 'ok', elapsedMs: 5, startedAt: '2026-12-01T10:00:00.000Z' };
    const asked: string[] = [];
    const prober = new SmtpProber({
      // 192.0.2.1 (TEST-NET-1) would time out: a connection attempt would show as a different outcome.
      settings: { ...DEFAULT_SETTINGS, smtpPort: 2525, smtpConnectTimeoutMs: 200, retries: 0 },
      trust: createTrustStore(), now: () => new Date(), dns: noDns,
      recall: (host, address, port) => {
        asked.push(`${host} ${address} ${port}`);
        return host === 'mx.example' && address === '192.0.2.1' && port === 2525 ? stored : undefined;
      },
    });
    expect(await prober.probe('MX.example', '192.0.2.1')).toBe(stored);
    expect(await prober.probe('mx.example', '192.0.2.1')).toBe(stored);
    expect(asked).toEqual(['mx.example 192.0.2.1 2525']);
  });
});

describe('what stored probes say about port 25', () => {
  const prober = (outcome: SmtpProbe['outcome']) => new SmtpProber({
    settings: { ...DEFAULT_SETTINGS, smtpConnectTimeoutMs: 200, retries: 0 }, trust: createTrustStore(), now: () => new Date(), dns: noDns,
    recall: (host, address) => ({ host, address, port: 25, outcome, elapsedMs: 5, startedAt: '2026-12-01T10:00:00.000Z' }),
  });

  it('a resumed run whose stored probes all timed out learns that port 25 is blocked, instead of waiting forever', async () => {
    const p = prober('connect-timeout');
    await p.probe('mx.example', '192.0.2.1');
    expect(await Promise.race([p.reachability(), new Promise((r) => setTimeout(() => r('still waiting'), 1000))])).toBe('blocked');
  });

  it('a stored probe that connected means port 25 is reachable', async () => {
    const p = prober('ok');
    await p.probe('mx.example', '192.0.2.1');
    expect(await p.reachability()).toBe('reachable');
  });
});
