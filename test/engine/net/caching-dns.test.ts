/**
 * The run-wide DNS cache: answers shared across domains, concurrent questions coalesced, bounded memory,
 * and a failure (time-out, network error) never kept, so one lost packet cannot fail every later domain
 * that shares the name (CHECKS §3.3).
 */
import { describe, expect, it } from 'vitest';
import { CachingDns, type DnsLookup } from '../../../electron/engine/net/dns';
import { collectTransport } from '../../../electron/engine/checks/transport';
import type { MxResolution } from '../../../electron/engine/checks/mx-resolve';
import type { AuditContext } from '../../../electron/engine/context';
import type { DnsAnswer, DnsOutcome, DnsRecordType } from '../../../shared/types';
import { LruMap } from '../../../electron/engine/lru-map';

function answer(name: string, type: DnsRecordType, outcome: DnsOutcome, authenticated = false): DnsAnswer {
  return { name, type, outcome, authenticated, records: [], cnames: [], server: 'fake', elapsedMs: 0, attempts: 1 };
}

/** A resolver that answers from a script, in order, and counts the questions that reach it. */
function scripted(outcomes: DnsOutcome[], authenticated = false): DnsLookup & { asked: number } {
  const dns = {
    asked: 0,
    async query(name: string, type: DnsRecordType) {
      const outcome = outcomes[Math.min(dns.asked, outcomes.length - 1)]!;
      dns.asked++;
      await new Promise((r) => setTimeout(r, 5));
      return answer(name, type, outcome, authenticated && outcome !== 'timeout');
    },
  };
  return dns;
}

describe('CachingDns', () => {
  it('keeps an answer for the rest of the run and coalesces concurrent questions', async () => {
    const inner = scripted(['ok']);
    const dns = new CachingDns(inner);
    const [a, b] = await Promise.all([dns.query('mx.example', 'A'), dns.query('MX.example', 'A')]);
    await dns.query('mx.example', 'A');
    expect(a).toBe(b);
    expect(inner.asked).toBe(1);
  });

  it.each<DnsOutcome>(['timeout', 'error'])('asks again after a %s instead of keeping it', async (failure) => {
    const inner = scripted([failure, 'ok']);
    const dns = new CachingDns(inner);
    expect((await dns.query('mx.example', 'A')).outcome).toBe(failure);
    expect((await dns.query('mx.example', 'A')).outcome).toBe('ok');
    expect(inner.asked).toBe(2);
  });

  it('forgets the least recently used answer beyond its capacity', async () => {
    const inner = scripted(['ok']);
    const dns = new CachingDns(inner, 2);
    await dns.query('a.example', 'A');
    await dns.query('b.example', 'A');
    await dns.query('a.example', 'A'); // a is now the most recent
    await dns.query('c.example', 'A'); // evicts b
    expect(inner.asked).toBe(3);
    await dns.query('a.example', 'A');
    expect(inner.asked).toBe(3);
    await dns.query('b.example', 'A');
    expect(inner.asked).toBe(4);
  });
});

describe('LruMap', () => {
  it('keeps falsy values and evicts in least-recently-used order', () => {
    const m = new LruMap<string, number>(2);
    m.set('zero', 0);
    m.set('one', 1);
    expect(m.get('zero')).toBe(0);
    m.set('two', 2);
    expect(m.get('one')).toBeUndefined();
    expect(m.get('zero')).toBe(0);
    expect(m.size).toBe(2);
  });
});

describe('the DNSSEC control query', () => {
  const mx = { kind: 'explicit', hosts: [], findings: [], answers: [], mxSecure: false, addressSecure: new Map() } as unknown as MxResolution;
  const ctx = (dns: DnsLookup) => ({ dns, settings: { dnssecControlName: '.' } }) as unknown as AuditContext;

  it('is asked once per resolver when it succeeds', async () => {
    const dns = scripted(['ok'], true);
    expect((await collectTransport(mx, ctx(dns)))?.resolverOk).toBe(true);
    expect((await collectTransport(mx, ctx(dns)))?.resolverOk).toBe(true);
    expect(dns.asked).toBe(1);
  });

  it('is asked again after it failed, so one lost answer does not switch DANE off for the run', async () => {
    const dns = scripted(['timeout', 'ok'], true);
    expect((await collectTransport(mx, ctx(dns)))?.resolverOk).toBe(false);
    expect((await collectTransport(mx, ctx(dns)))?.resolverOk).toBe(true);
    expect(dns.asked).toBe(2);
  });

  it('counts a failed control query as unknown, and AD on a domain\'s answers as proof for the rest of the run', async () => {
    const dns = scripted(['servfail']);
    const first = await collectTransport(mx, ctx(dns));
    expect(first).toMatchObject({ resolverOk: false, resolver: { validates: false, control: { outcome: 'failed', ended: 'SERVFAIL' } } });
    const signed = { ...mx, answers: [answer('signed.example', 'MX', 'ok', true)], mxSecure: true } as MxResolution;
    expect((await collectTransport(signed, ctx(dns)))?.resolverOk).toBe(true);
    // A later domain without a signed answer of its own: the run already knows the resolver validates.
    expect((await collectTransport(mx, ctx(dns)))?.resolver).toMatchObject({ validates: true, control: { outcome: 'failed' } });
  });

  it('says "not validating" only when the control query was answered without AD', async () => {
    const dns = scripted(['ok'], false);
    expect((await collectTransport(mx, ctx(dns)))?.resolver).toMatchObject({ validates: false, control: { outcome: 'not-validating' } });
  });
});
