/**
 * The greeting under hostile timing, through real sockets against the lab's scripted SMTP servers: a tarpit
 * trickling its banner at 1 byte/s and a server silent past the reply time-out. Senders wait 5 minutes for a
 * greeting (RFC 5321 §4.5.3.2.1), so both are "not decided", never a refusal; and one deadline bounds the
 * whole greeting, however often a byte arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpSession } from '../../../electron/engine/smtp/session';
import { createTrustStore } from '../../../electron/engine/tls/handshake';
import { startLabSmtp, type LabSmtp } from '../../../electron/lab/smtp-lab';

const REPLY_TIMEOUT_MS = 1500;
let smtp: LabSmtp;

beforeAll(async () => {
  // Addresses far from the estate's, so this file can run beside the lab tests.
  smtp = await startLabSmtp([
    { name: 'tarpit.greeting.test', greetingTrickleMs: 1000 },
    { name: 'silent.greeting.test', bannerDelayMs: 5000 },
    { name: 'refusing.greeting.test', greeting: '554 5.7.1 go away' },
  ], 2000);
});

afterAll(async () => {
  await smtp?.close();
});

function session(host: string) {
  return smtpSession({
    host, address: smtp.addressOf(host), port: smtp.port, ehloName: 'auditor.lab.test', trust: createTrustStore(), flavour: 'trusted', sni: true,
    connectTimeoutMs: 2000, replyTimeoutMs: REPLY_TIMEOUT_MS, now: new Date(),
  });
}

describe('a slow greeting', () => {
  it('ends a banner trickled at 1 byte/s at the reply deadline, keeping what arrived', async () => {
    const r = await session('tarpit.greeting.test');
    expect(r).toMatchObject({ outcome: 'not-tested', greetingSlow: true, phase: 'banner', connected: true });
    expect(r.banner).toMatch(/^2/);
    expect(r.error).toMatch(/no complete greeting within 1500 ms \(\d bytes received so far\); senders wait up to 5 minutes/);
    // A whole banner at this pace takes over 30 s; one deadline ends it. Generous margin for a loaded machine.
    expect(r.elapsedMs).toBeGreaterThanOrEqual(REPLY_TIMEOUT_MS - 50);
    expect(r.elapsedMs).toBeLessThan(REPLY_TIMEOUT_MS + 3000);
  });

  it('treats silence past the deadline the same way, with nothing received', async () => {
    const r = await session('silent.greeting.test');
    expect(r).toMatchObject({ outcome: 'not-tested', greetingSlow: true, phase: 'banner' });
    expect(r.banner).toBeUndefined();
    expect(r.error).toMatch(/nothing received/);
    expect(r.elapsedMs).toBeLessThan(REPLY_TIMEOUT_MS + 3000);
  });

  it('still calls a refusing greeting an SMTP error', async () => {
    const r = await session('refusing.greeting.test');
    expect(r).toMatchObject({ outcome: 'smtp-error', phase: 'banner', banner: '554 5.7.1 go away' });
    expect(r.greetingSlow).toBeUndefined();
  });
});
