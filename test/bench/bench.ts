/**
 * `npm run bench`: throughput, CPU and memory of real audits against the latency-bound ideal.
 *
 *   --domains N           estate size (default 2000)
 *   --concurrency 16,64   levels to measure (default 16,64,256)
 *   --dns-ms / --http-ms / --smtp-ms   latency injected on every DNS answer, HTTP response, SMTP reply (20, 40, 30)
 *   --pdf-domains N       size of the run whose PDF pack is timed (default 1000)
 *   --workbook-domains N,M  sizes of the stored runs (realistic evidence, no audit) whose workbook is timed
 *                         (default 20000,100000; 0 skips)
 *   --pdf-sizes A,B       generated estates whose full and summary PDF are timed and paged (default 1000,5000; pdf-bench.ts)
 *   --out FILE            also write the figures as JSON
 *   --profile             afterwards, re-run the slowest phase under the V8 profiler (.cpuprofile next to --out)
 *   --reports             only the TLS-RPT import of --reports-count reports (default 10000; no lab, no audit)
 *   --parsers             only the parsers' worst case on 64 KB adversarial inputs (no lab, no audit); the full
 *                         benchmark reports it too, at the end
 *
 *   --backend-concurrency N  the audit driven through the backend process (electron/backend/) at this level
 *                         (default: the last of --concurrency; 0 skips), then in-process again at that level:
 *                         throughput side by side, and the event-loop delay (p99) of the process standing in
 *                         for Electron's main process (test/bench/backend-phase.ts) against the in-process one's
 *   --rrl                 the lab's DNS server limits its UDP response rate as nsd does (--rrl-rate per bucket
 *                         per second, default nsd's 200; slip 2; every NODATA/NXDOMAIN of the estate's zone
 *                         shares one bucket); the workbook and PDF phases are skipped (they touch no network)
 *
 * After the throughput table, one line per level on DNS: per-domain durations (p50/p95/p99/max), "waited t-out"
 * (domains with a question the lab server saw asked again over UDP a full fixed time-out after the previous
 * ask: a dropped answer waited out), "slow DNS" (domains with an answer whose time in flight reached the
 * fixed time-out, for any reason, a starved event loop included), and what the server received and did.
 *
 * The lab runs in its own process; every measured phase (one audit per concurrency level, the workbook, the
 * PDF) runs in a fresh process with its own SQLite file, so its CPU time and peak RSS are its own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { AuditSettings } from '../../shared/types';
import type { Archetype } from '../lab/estate/generated';
import { idealRate, type Latency } from './ideal';
import { parserReport, printParserReport } from './parsers';
import { printReportsFigures, reportsBench } from './reports';
import { benchPdf } from './pdf-bench';
import type { PhaseJob, PhaseResult } from './phase-process';
import type { BackendPhaseJob, BackendPhaseResult } from './backend-phase';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

const { values } = parseArgs({
  options: {
    domains: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16,64,256' },
    'dns-ms': { type: 'string', default: '20' },
    'http-ms': { type: 'string', default: '40' },
    'smtp-ms': { type: 'string', default: '30' },
    'pdf-domains': { type: 'string', default: '1000' },
    'workbook-domains': { type: 'string', default: '20000,100000' },
    'pdf-sizes': { type: 'string', default: '1000,5000' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    parsers: { type: 'boolean', default: false },
    reports: { type: 'boolean', default: false },
    'reports-count': { type: 'string', default: '10000' },
    rrl: { type: 'boolean', default: false },
    'backend-concurrency': { type: 'string' },
    'rrl-rate': { type: 'string', default: '200' },
  },
});
const N = Number(values.domains);
const levels = values.concurrency!.split(',').map(Number);
const latency: Latency = { dnsMs: Number(values['dns-ms']), httpMs: Number(values['http-ms']), smtpMs: Number(values['smtp-ms']) };
const rrlRate = values.rrl ? Number(values['rrl-rate']) : 0;

interface LabDnsCounts { udp: number; tcp: number; sent: number; slipped: number; dropped: number }

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function tsxChild(script: string, args: string[]) {
  return spawn(process.execPath, [TSX, path.join(import.meta.dirname, script), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: stream });
    rl.once('line', (line) => {
      resolve(line); // before close(): closing fires the 'close' handler below, which would otherwise win
      rl.close();
    });
    rl.once('close', () => reject(new Error('the process ended without output')));
  });
}

async function phase(job: PhaseJob, dir: string): Promise<PhaseResult> {
  const file = path.join(dir, `job-${job.phase}-${job.concurrency}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  const child = tsxChild('phase-process.ts', [file]);
  child.stdin!.end();
  return JSON.parse(await firstLine(child.stdout!)) as PhaseResult;
}

const pad = (v: unknown, n: number) => String(v).padStart(n);

/** The workbook of the last audit and the PDF pack of a run of --pdf-domains domains, timed. */
async function exports(phases: { job: PhaseJob; result: PhaseResult }[], names: string[], settings: AuditSettings, dir: string) {
  const last = phases.at(-1)!;
  const workbookJob: PhaseJob = { ...last.job, phase: 'workbook', runId: last.result.runId, out: path.join(dir, 'bench.xlsx') };
  const workbook = await phase(workbookJob, dir);
  phases.push({ job: workbookJob, result: workbook });
  const pdfN = Math.min(N, Number(values['pdf-domains']));
  const pdfAudit: PhaseJob = { phase: 'audit', db: path.join(dir, 'pdf-run.sqlite'), settings, domains: names.slice(0, pdfN), concurrency: levels.at(-1)! };
  const pdfRun = await phase(pdfAudit, dir);
  const pdfJob: PhaseJob = { ...pdfAudit, phase: 'pdf', runId: pdfRun.runId, out: path.join(dir, 'bench.pdf') };
  const pdf = await phase(pdfJob, dir);
  phases.push({ job: pdfJob, result: pdf });
  process.stderr.write(`\nworkbook for ${N} domains: ${(workbook.wallMs / 1000).toFixed(1)} s (peak RSS ${workbook.maxRssMb} MB, ${(fs.statSync(workbookJob.out!).size / 1e6).toFixed(1)} MB)\n`);
  process.stderr.write(`PDF pack for ${pdfN} domains: ${(pdf.wallMs / 1000).toFixed(1)} s (peak RSS ${pdf.maxRssMb} MB, ${(fs.statSync(pdfJob.out!).size / 1e6).toFixed(1)} MB)\n`);
  return {
    workbook: { domains: N, wallMs: workbook.wallMs, peakRssMb: workbook.maxRssMb, bytes: fs.statSync(workbookJob.out!).size },
    pdf: { domains: pdfN, wallMs: pdf.wallMs, peakRssMb: pdf.maxRssMb, bytes: fs.statSync(pdfJob.out!).size },
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-bench-'));
  const rrlNote = rrlRate ? `; DNS response-rate limiting ${rrlRate}/s per bucket, slip 2` : '';
  process.stderr.write(`starting the lab with ${N} domains (latency: DNS ${latency.dnsMs} ms, HTTP ${latency.httpMs} ms, SMTP ${latency.smtpMs} ms${rrlNote})…\n`);
  const lab = tsxChild('lab-process.ts', [String(N), String(latency.dnsMs), String(latency.httpMs), String(latency.smtpMs), String(rrlRate)]);
  const labLines = readline.createInterface({ input: lab.stdout! })[Symbol.asyncIterator]();
  const nextLabLine = async () => (await labLines.next()).value as string;
  const { settings, domains } = JSON.parse(await nextLabLine()) as { settings: AuditSettings; domains: { name: string; archetype: Archetype }[] };
  /** Domains with a question (the domain's name or one under it) that the lab saw asked again a full time-out later. */
  const lateDomains = async (ms: number) => {
    lab.stdin!.write(`late ${ms}\n`);
    const { late } = JSON.parse(await nextLabLine()) as { late: string[] };
    const known = new Set(names);
    const hit = new Set<string>();
    for (const name of late) {
      const labels = name.split('.');
      for (let i = 0; i < labels.length - 1; i++) {
        const candidate = labels.slice(i).join('.');
        if (known.has(candidate)) hit.add(candidate);
      }
    }
    return hit.size;
  };
  const labStats = async () => {
    lab.stdin!.write('cpu\n');
    return JSON.parse(await nextLabLine()) as { cpuMs: number; dns: LabDnsCounts };
  };
  const names = domains.map((d) => d.name);
  const kinds = domains.map((d) => d.archetype);
  const rows: Record<string, unknown>[] = [];
  const phases: { job: PhaseJob; result: PhaseResult }[] = [];
  try {
    process.stderr.write(`\n${'concurrency'.padStart(11)} ${'domains/s'.padStart(10)} ${'ideal/s'.padStart(9)} ${'ratio'.padStart(6)} ${'CPU ms/dom'.padStart(10)} ${'lab ms/dom'.padStart(10)} ${'peak RSS'.padStart(9)} ${'DB MB'.padStart(7)} ${'wall s'.padStart(7)}\n`);
    const dnsLines: string[] = [];
    for (const c of levels) {
      const job: PhaseJob = { phase: 'audit', db: path.join(dir, `audit-c${c}.sqlite`), settings, domains: names, concurrency: c };
      await lateDomains(settings.dnsTimeoutMs);
      const labBefore = await labStats();
      const r = await phase(job, dir);
      const labAfter = await labStats();
      const labMsPerDomain = (labAfter.cpuMs - labBefore.cpuMs) / Math.max(1, r.done);
      const d = r.durationsMs ?? [];
      const dnsDelta = Object.fromEntries(Object.entries(labAfter.dns).map(([k, v]) => [k, v - labBefore.dns[k as keyof LabDnsCounts]])) as unknown as LabDnsCounts;
      // Retransmitted a full fixed time-out (less 5% for timer slack) after the previous send, as seen at the server.
      const waitedTimeout = await lateDomains(Math.round(settings.dnsTimeoutMs * 0.95));
      const perDomain = { p50: percentile(d, 50), p95: percentile(d, 95), p99: percentile(d, 99), max: d.at(-1) ?? 0, waitedTimeout, slowDnsAnswer: r.dnsTimeoutWaits ?? 0 };
      dnsLines.push(`${pad(c, 11)} ${pad(perDomain.p50, 7)} ${pad(perDomain.p95, 7)} ${pad(perDomain.p99, 7)} ${pad(perDomain.max, 7)} ${pad(perDomain.waitedTimeout, 13)} ${pad(perDomain.slowDnsAnswer, 10)} ${pad(dnsDelta.udp, 8)} ${pad(dnsDelta.tcp, 6)} ${pad(dnsDelta.dropped, 8)} ${pad(dnsDelta.slipped, 8)} ${pad(Math.round(dnsDelta.udp / (r.wallMs / 1000)), 7)}`);
      phases.push({ job, result: r });
      const rate = r.done / (r.wallMs / 1000);
      const ideal = idealRate(kinds, c, latency);
      const cpuPerDomain = (r.cpuUserMs + r.cpuSystemMs) / Math.max(1, r.done);
      const row = {
        concurrency: c, domains: r.done, wallMs: r.wallMs, domainsPerSecond: +rate.toFixed(1), idealPerSecond: +ideal.perSecond.toFixed(1),
        meanCriticalPathMs: +ideal.meanPathMs.toFixed(1), ratio: +(rate / ideal.perSecond).toFixed(3), cpuMsPerDomain: +cpuPerDomain.toFixed(2),
        cpuUserMs: r.cpuUserMs, cpuSystemMs: r.cpuSystemMs, labCpuMsPerDomain: +labMsPerDomain.toFixed(2), peakRssMb: r.maxRssMb, dbBytes: r.dbBytes,
        loopDelayP99Ms: r.loopDelayP99Ms,
        domainMs: perDomain, labDns: dnsDelta,
      };
      rows.push(row);
      process.stderr.write(`${pad(c, 11)} ${pad(row.domainsPerSecond, 10)} ${pad(row.idealPerSecond, 9)} ${pad(`${Math.round(row.ratio * 100)}%`, 6)} ${pad(row.cpuMsPerDomain, 10)} ${pad(row.labCpuMsPerDomain, 10)} ${pad(`${r.maxRssMb} MB`, 9)} ${pad((r.dbBytes / 1e6).toFixed(1), 7)} ${pad((r.wallMs / 1000).toFixed(1), 7)}\n`);
    }
    const backendLevel = Number(values['backend-concurrency'] ?? levels.at(-1));
    const backend = backendLevel > 0 ? await backendPhase(backendLevel, settings, names, dir) : undefined;
    process.stderr.write(`\nper-domain duration (ms) and DNS at the lab server${rrlNote} (DNS time-out ${settings.dnsTimeoutMs} ms per attempt)\n`);
    process.stderr.write(`${'concurrency'.padStart(11)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ${'waited t-out'.padStart(13)} ${'slow DNS'.padStart(10)} ${'UDP q'.padStart(8)} ${'TCP q'.padStart(6)} ${'dropped'.padStart(8)} ${'slipped'.padStart(8)} ${'UDP q/s'.padStart(7)}\n`);
    for (const line of dnsLines) process.stderr.write(`${line}\n`);
    const report = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, domains: N, latency, rrlRate, levels: rows, backend,
    } as Record<string, unknown>;
    report.parsers = parserReport();
    printParserReport(report.parsers as ReturnType<typeof parserReport>);
    // The exports touch no network: a rate-limited DNS run measures the audit alone.
    if (!rrlRate) Object.assign(report, await exports(phases, names, settings, dir));
    if (!rrlRate) report.pdfSizes = benchPdf(values['pdf-sizes']!.split(',').map(Number));
    if (!rrlRate) report.workbookAtScale = await workbooksAtScale(dir);
    if (values.profile) {
      const slowest = phases.reduce((a, b) => (b.result.wallMs > a.result.wallMs ? b : a));
      const target = path.resolve(values.out ? path.dirname(values.out) : '.', `bench-${slowest.job.phase}${slowest.job.phase === 'audit' ? `-c${slowest.job.concurrency}` : ''}.cpuprofile`);
      const again: PhaseJob = slowest.job.phase === 'audit'
        ? { ...slowest.job, db: path.join(dir, 'profile.sqlite'), profile: target }
        : { ...slowest.job, out: `${slowest.job.out}.profiled`, profile: target };
      await phase(again, dir);
      report.profile = target;
      process.stderr.write(`CPU profile of the slowest phase (${slowest.job.phase}): ${target}\n`);
    }
    if (values.out) {
      fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
      process.stderr.write(`figures written to ${values.out}\n`);
    }
  } finally {
    lab.stdin!.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same audit driven through the backend process, as the app runs it (test/bench/backend-phase.ts), then
 * in-process again at the same level, so both run against a lab already warm (its first audit also pays for the
 * lab's own start-up work): throughput side by side, and the event-loop delay of the process standing in for
 * Electron's main process beside that of the in-process audit's own loop.
 */
async function backendPhase(c: number, settings: AuditSettings, names: string[], dir: string) {
  const job: BackendPhaseJob = { db: path.join(dir, `backend-c${c}.sqlite`), settings, domains: names, concurrency: c };
  const file = path.join(dir, `job-backend-${c}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  const child = tsxChild('backend-phase.ts', [file]);
  child.stdin!.end();
  const r = JSON.parse(await firstLine(child.stdout!)) as BackendPhaseResult;
  const inProcess = await phase({ phase: 'audit', db: path.join(dir, `audit-c${c}-again.sqlite`), settings, domains: names, concurrency: c }, dir);
  const rate = +(r.done / (r.wallMs / 1000)).toFixed(1);
  const inRate = +(inProcess.done / (inProcess.wallMs / 1000)).toFixed(1);
  process.stderr.write(`\nthrough the backend process at concurrency ${c}: ${rate} domains/s, in-process right after: ${inRate} domains/s (${Math.round((rate / inRate) * 100)}%)\n`
    + `main's event-loop delay during it (sampled every 10 ms, interval included): p50 ${r.loopDelayMs.p50} ms, p99 ${r.loopDelayMs.p99} ms, max ${r.loopDelayMs.max} ms `
    + `(the in-process audit's own loop: p99 ${String(inProcess.loopDelayP99Ms)} ms); main's CPU ${r.mainCpuMs} ms for ${r.progressEvents} progress events\n`);
  return { concurrency: c, ...r, domainsPerSecond: rate, inProcessDomainsPerSecond: inRate, inProcessLoopDelayP99Ms: inProcess.loopDelayP99Ms };
}

/** A child's one JSON line of output. */
async function childJson<T>(args: string[]): Promise<T> {
  const child = tsxChild('workbook-scale.ts', args);
  child.stdin!.end();
  return JSON.parse(await firstLine(child.stdout!)) as T;
}

/**
 * The workbook of stored runs far larger than the audited estate (test/bench/workbook-scale.ts): each size is
 * saved into its own SQLite file by one process and exported by another, whose time and peak RSS are reported.
 */
async function workbooksAtScale(dir: string): Promise<Record<string, unknown>[]> {
  const sizes = values['workbook-domains']!.split(',').map(Number).filter((n) => n > 0);
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const db = path.join(dir, `workbook-${n}.sqlite`);
    const out = path.join(dir, `workbook-${n}.xlsx`);
    process.stderr.write(`storing a run of ${n} domains for the workbook…\n`);
    await childJson(['prepare', String(n), db]);
    const r = await childJson<{ wallMs: number; cpuMs: number; maxRssMb: number; bytes: number }>(['export', db, out]);
    process.stderr.write(`workbook for ${n} stored domains: ${(r.wallMs / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s, peak RSS ${r.maxRssMb} MB, ${(r.bytes / 1e6).toFixed(1)} MB)\n`);
    rows.push({ domains: n, ...r });
    fs.rmSync(db, { force: true });
    fs.rmSync(out, { force: true });
  }
  return rows;
}

async function parsersOnly(): Promise<void> {
  const report = parserReport();
  printParserReport(report);
  if (values.out) fs.writeFileSync(values.out, `${JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, parsers: report }, null, 2)}\n`);
}

/** `--reports`: only the TLS-RPT import (test/bench/reports.ts), no lab and no audit. */
async function reportsOnly(): Promise<void> {
  const figures = await reportsBench(Number(values['reports-count']));
  printReportsFigures(figures);
  if (values.out) fs.writeFileSync(values.out, JSON.stringify({ reports: figures }, null, 2));
}

await (values.reports ? reportsOnly() : values.parsers ? parsersOnly() : main());
