/**
 * The benchmark's lab, in a process of its own so that the auditor's CPU time and memory are measured
 * without the lab's. Prints one JSON line (the engine settings pointing at it and the domains with their
 * archetypes), then serves until its stdin closes. A fifth argument above 0 turns on the DNS server's
 * response-rate limiting at that many responses per second per bucket (slip 2, as nsd).
 */
import readline from 'node:readline';
import { startLab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS } from '../../electron/lab/estate';
import { generateEstate } from '../lab/estate/generated';

const [domains, dnsMs, httpMs, smtpMs, rrlRate] = process.argv.slice(2).map(Number);
const estate = generateEstate(domains!, { label: 'bench' });
// Policy hosts spread over 16 addresses, as over hosting IPs on the internet.
const httpsAddresses = Array.from({ length: 15 }, (_, i) => `127.0.4.${i + 2}`);
const lab = await startLab({
  domains: estate.domains, mxHosts: [...BASE_MX_HOSTS.slice(0, 2), ...estate.mxHosts],
  latency: { dnsMs, httpMs, smtpMs }, httpsAddresses, policyCertBucket: 100,
  dnsRrl: rrlRate ? { responsesPerSecond: rrlRate, slip: 2 } : undefined,
});
process.stdout.write(`${JSON.stringify({ settings: lab.settings, domains: estate.domains.map((d) => ({ name: d.name, archetype: d.archetype })) })}\n`);
let logged = 0;
/**
 * The questions asked again over UDP at least `ms` after their previous UDP send (in the server's log since
 * the last call): a client that waited a full fixed time-out for a dropped answer.
 */
function lateRetransmissions(ms: number): string[] {
  const log = lab.dns.queries.slice(logged);
  logged = lab.dns.queries.length;
  const lastAt = new Map<string, number>();
  const late = new Set<string>();
  for (const q of log) {
    if (q.tcp) continue;
    const key = `${q.name} ${q.type}`;
    const before = lastAt.get(key);
    if (before !== undefined && q.at - before >= ms) late.add(q.name);
    lastAt.set(key, q.at);
  }
  return [...late];
}

// "cpu" on stdin: report this process's CPU time, so the benchmark can tell the lab's share from the auditor's.
// "late MS": the names asked again over UDP MS or more after the previous ask (see lateRetransmissions).
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const late = /^late (\d+)$/.exec(line.trim());
  if (late) {
    process.stdout.write(`${JSON.stringify({ late: lateRetransmissions(Number(late[1])) })}\n`);
    return;
  }
  if (line.trim() === 'cpu') {
    const c = process.cpuUsage();
    // The DNS figures are cumulative: the benchmark takes differences, as for the CPU time.
    const dns = { ...lab.dns.received, ...lab.dns.rrl };
    process.stdout.write(`${JSON.stringify({ cpuMs: Math.round((c.user + c.system) / 1000), dns })}\n`);
  }
});
process.stdin.on('end', () => void lab.close().then(() => process.exit(0)));
