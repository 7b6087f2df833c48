/**
 * An auditor on an IPv4-only network cannot reach any MX over IPv6. Those addresses are "not tested": they
 * must not turn into connection failures, inconsistent-address findings or undeliverable verdicts.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { MxHostResult, SmtpProbe } from '../../../shared/types';
import { judgeStarttls } from '../../../electron/engine/checks/starttls';
import { judgeDeliverability } from '../../../electron/engine/checks/mx-coverage';
import { smtpSession, unroutableHere } from '../../../electron/engine/smtp/session';
import { createTrustStore } from '../../../electron/engine/tls/handshake';

const now = new Date();

function probe(address: string, outcome: SmtpProbe['outcome'], extra: Partial<SmtpProbe> = {}): SmtpProbe {
  return { host: 'mx.example.com', address, port: 25, outcome, elapsedMs: 1, startedAt: now.toISOString(), ...extra };
}

function host(probes: SmtpProbe[]): MxHostResult {
  return { host: 'mx.example.com', preference: 10, addresses: probes.map((p) => p.address), covered: true, coveringPattern: 'mx.example.com', probes };
}

describe('IPv6 addresses the auditor cannot route to', () => {
  it('are recognised by their socket error, for IPv6 only', () => {
    expect(unroutableHere('2001:db8::25', 'ENETUNREACH')).toBe(true);
    expect(unroutableHere('2001:db8::25', 'EHOSTUNREACH')).toBe(true);
    expect(unroutableHere('192.0.2.25', 'ENETUNREACH')).toBe(false);
    expect(unroutableHere('2001:db8::25', 'ECONNREFUSED')).toBe(false);
  });

  it('yield STARTTLS_NOT_TESTED and stay out of the host verdict', () => {
    const failingV4 = probe('192.0.2.25', 'no-starttls');
    const v6 = probe('2001:db8::25', 'not-tested', { error: 'no IPv6 route from the auditor' });
    const v = judgeStarttls(host([failingV4, v6]), now);
    expect(v.findings.map((f) => f.code).sort()).toEqual(['STARTTLS_NOT_OFFERED', 'STARTTLS_NOT_TESTED']);
    expect(v).toMatchObject({ tested: true, pkixPass: false, starttlsOk: false });
    // The v6 address does not make the two "inconsistent".
    expect(v.findings.some((f) => f.code === 'STARTTLS_INCONSISTENT')).toBe(false);
  });

  it('never make an only-IPv6 MX "undeliverable" or the domain "none deliverable"', () => {
    const h = host([probe('2001:db8::25', 'not-tested')]);
    const v = judgeStarttls(h, now);
    expect(v.tested).toBe(false);
    const findings = judgeDeliverability({ posture: 'enforce', mode: 'enforce', patterns: ['mx.example.com'], kind: 'explicit', hosts: [h], probed: true, now });
    expect(findings).toEqual([]);
    expect(h.deliverable).toBeUndefined();
  });

  it('are what a real connection attempt reports where the machine has no IPv6 route', async () => {
    // Whether this machine routes IPv6 decides what can be observed; both answers are checked. The kernel may
    // take seconds to give up on the route (EHOSTUNREACH after neighbour discovery), so both wait long enough.
    const raw = new Promise<string | undefined>((resolve) => {
      const s = net.connect({ host: '2001:db8::25', port: 25 });
      s.setTimeout(8000, () => {
        s.destroy();
        resolve('TIMEOUT');
      });
      s.on('connect', () => {
        s.destroy();
        resolve('CONNECTED');
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    });
    const session = smtpSession({
      host: 'mx.example.com', address: '2001:db8::25', port: 25, ehloName: 'auditor.example', trust: createTrustStore(), flavour: 'trusted', sni: true,
      connectTimeoutMs: 8000, replyTimeoutMs: 1000, now,
    });
    const [code, r] = await Promise.all([raw, session]);
    expect(r.outcome).toBe(unroutableHere('2001:db8::25', code) ? 'not-tested' : code === 'TIMEOUT' ? 'connect-timeout' : 'connect-failed');
  }, 20_000);
});
