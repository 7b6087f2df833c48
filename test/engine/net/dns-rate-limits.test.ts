/**
 * The stub resolver against servers that limit their rate, through real UDP and TCP sockets on loopback:
 * the lab DNS server in response-rate-limiting mode (nsd's RRL: per-bucket rate, slip 2), a query ceiling per
 * resolver, and several resolvers sharing the load. Timing is asserted from recorded attempts and arrival
 * times at the server, with margins far wider than the effects measured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DnsClient, RTO_FLOOR_MS } from '../../../electron/engine/net/dns';
import { startLabDns, type LabDns, type LabRecord } from '../../../electron/lab/dns-server';

const servers: LabDns[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

/** `count` names in one zone, each with an A record only: their TXT questions are NODATA, one RRL bucket. */
function zone(count: number): { records: LabRecord[]; names: string[] } {
  const names = Array.from({ length: count }, (_, i) => `host${i}.rrl-zone.test`);
  return { names, records: names.map((name, i) => ({ name, type: 'A', data: `192.0.2.${(i % 250) + 1}` })) };
}

async function lab(records: LabRecord[], rrl?: { responsesPerSecond: number; slip: number }): Promise<LabDns> {
  const dns = await startLabDns({ records, rrl });
  servers.push(dns);
  return dns;
}

const at = (dns: LabDns) => ({ host: dns.address, port: dns.port });

/** The most arrivals in any window of `ms` (sliding over the arrival times). */
function peakInWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('DNS under response-rate limiting (lab RRL, slip 2)', () => {
  it('answers every question of a burst above the rate, retransmitting after a short adaptive time-out and going to TCP at once on a slipped answer', async () => {
    const { names, records } = zone(120);
    const dns = await lab(records, { responsesPerSecond: 25, slip: 2 });
    const timeoutMs = 5000;
    const client = new DnsClient({ servers: [at(dns)], timeoutMs, retries: 1 });
    // A few answered questions first: the resolver learns the server's round trip (loopback: about 1 ms).
    for (const name of names.slice(0, 5)) expect((await client.query(name, 'A')).outcome).toBe('ok');
    expect(client.timeouts()[0]!.rtoMs).toBe(RTO_FLOOR_MS);
    const sent = dns.queries.length;

    const answers = await Promise.all(names.map((name) => client.query(name, 'TXT')));

    expect(answers.map((a) => a.outcome)).toEqual(names.map(() => 'nodata'));
    expect(dns.rrl.dropped).toBeGreaterThan(10);
    expect(dns.rrl.slipped).toBeGreaterThan(10);
    const burst = dns.queries.slice(sent);
    const retransmitted = answers.filter((a) => a.attempts > 1);
    expect(retransmitted.length).toBeGreaterThan(5);
    for (const name of names) {
      const udp = burst.filter((q) => q.name === name && !q.tcp).map((q) => q.at);
      // Every retransmission went out well before the fixed time-out would have let it (5 s): the first after
      // RTO_FLOOR_MS (250 ms), later ones doubled; a generous bound for a loaded machine.
      for (let i = 1; i < udp.length; i++) expect(udp[i]! - udp[i - 1]!, `${name} retransmission ${i}`).toBeLessThan(timeoutMs / 2);
      // A slipped (TC=1) answer is asked again over TCP at once, not after a time-out.
      for (const tcpAt of burst.filter((q) => q.name === name && q.tcp).map((q) => q.at)) {
        const before = udp.filter((t) => t <= tcpAt).at(-1);
        expect(before, `${name}: TCP without a UDP question before it`).toBeDefined();
        expect(tcpAt - before!, `${name}: TCP retry delay`).toBeLessThan(1000);
      }
    }
    expect(burst.filter((q) => q.tcp).length).toBeGreaterThan(0);
    // Nothing waited for a fixed time-out: the slowest question ended well inside one attempt's ceiling.
    expect(Math.max(...answers.map((a) => a.elapsedMs))).toBeLessThan(timeoutMs);
  }, 30_000);
});

describe('DNS query ceiling per resolver', () => {
  it('holds the rate at the server, and the wait in line causes no false time-out', async () => {
    const { names, records } = zone(150);
    const dns = await lab(records);
    const qps = 50;
    // One attempt of 500 ms, no retries: 150 questions at 50/s take about 3 s, far beyond one question's budget.
    const client = new DnsClient({ servers: [at(dns)], timeoutMs: 500, retries: 0, qps });
    const t0 = performance.now();
    const answers = await Promise.all(names.map((name) => client.query(name, 'A')));
    const wallMs = performance.now() - t0;

    expect(answers.filter((a) => a.outcome !== 'ok')).toEqual([]);
    const arrivals = dns.queries.map((q) => q.at);
    expect(arrivals).toHaveLength(150);
    // Ceiling + burst (a tenth of a second's worth) = 55 in any second; margin for timers firing together.
    expect(peakInWindow(arrivals, 1000)).toBeLessThanOrEqual(qps + 10);
    expect(wallMs).toBeGreaterThan(2000);
    const last = answers.reduce((a, b) => ((b.queuedMs ?? 0) > (a.queuedMs ?? 0) ? b : a));
    expect(last.queuedMs).toBeGreaterThan(1500);
    expect(last.attempts).toBe(1);
  }, 30_000);
});

describe('DNS over several resolvers', () => {
  it('spreads the questions over the resolvers and sends a retransmission to another one', async () => {
    const { names, records } = zone(80);
    const a = await lab(records);
    const b = await lab(records);
    const client = new DnsClient({ servers: [at(a), at(b)], timeoutMs: 5000, retries: 1, qps: 40 });
    const answers = await Promise.all(names.map((name) => client.query(name, 'A')));
    expect(answers.filter((x) => x.outcome !== 'ok')).toEqual([]);
    // 80 questions under a ceiling of 40/s each: both resolvers carry a real share.
    expect(a.queries.length).toBeGreaterThan(20);
    expect(b.queries.length).toBeGreaterThan(20);
    expect(a.queries.length + b.queries.length).toBe(80);

    // Resolver a is silent for one name; b answers it. Asked twice, one question starts at a and is answered
    // by b after a short adaptive time-out (a full fixed one would be 5 s).
    a.setFaults([{ name: 'host0.rrl-zone.test', fault: 'timeout' }]);
    const again = [await client.query('host0.rrl-zone.test', 'A'), await client.query('host0.rrl-zone.test', 'A')];
    expect(again.map((x) => x.server)).toEqual([`${b.address}:${b.port}`, `${b.address}:${b.port}`]);
    const moved = again.find((x) => x.attempts === 2);
    expect(moved).toBeDefined();
    expect(moved!.elapsedMs).toBeLessThan(2500);
  }, 30_000);
});
