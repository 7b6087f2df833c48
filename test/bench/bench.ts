/**
 * `npm run bench`: throughput, CPU and memory of real audits against the latency-bound ideal.
 *
 *   --domains N           estate size (default 2000)
 *   --concurrency 16,64   levels to measure (default 16,64,256)
 *   --dns-ms / --http-ms / --smtp-ms   latency injected on every DNS answer, HTTP response, SMTP reply (20, 40, 30)
 *   --pdf-domains N       size of the run whose PDF pack is timed (default 1000)
 *   --pdf-sizes A,B       generated estates whose full and summary PDF are timed and paged (default 1000,5000; pdf-bench.ts)
 *   --out FILE            also write the figures as JSON
 *   --profile             afterwards, re-run the slowest phase under the V8 profiler (.cpuprofile next to --out)
 *   --parsers             only the parsers' worst case on 64 KB adversarial inputs (no lab, no audit); the full
 *                         benchmark reports it too, at the end
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
import { benchPdf } from './pdf-bench';
import type { PhaseJob, PhaseResult } from './phase-process';

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
    'pdf-sizes': { type: 'string', default: '1000,5000' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    parsers: { type: 'boolean', default: false },
  },
});
const N = Number(values.domains);
const levels = values.concurrency!.split(',').map(Number);
const latency: Latency = { dnsMs: Number(values['dns-ms']), httpMs: Number(values['http-ms']), smtpMs: Number(values['smtp-ms']) };

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

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-bench-'));
  process.stderr.write(`starting the lab with ${N} domains (latency: DNS ${latency.dnsMs} ms, HTTP ${latency.httpMs} ms, SMTP ${latency.smtpMs} ms)…\n`);
  const lab = tsxChild('lab-process.ts', [String(N), String(latency.dnsMs), String(latency.httpMs), String(latency.smtpMs)]);
  const labLines = readline.createInterface({ input: lab.stdout! })[Symbol.asyncIterator]();
  const nextLabLine = async () => (await labLines.next()).value as string;
  const { settings, domains } = JSON.parse(await nextLabLine()) as { settings: AuditSettings; domains: { name: string; archetype: Archetype }[] };
  const labCpuMs = async () => {
    lab.stdin!.write('cpu\n');
    return (JSON.parse(await nextLabLine()) as { cpuMs: number }).cpuMs;
  };
  const names = domains.map((d) => d.name);
  const kinds = domains.map((d) => d.archetype);
  const rows: Record<string, unknown>[] = [];
  const phases: { job: PhaseJob; result: PhaseResult }[] = [];
  try {
    process.stderr.write(`\n${'concurrency'.padStart(11)} ${'domains/s'.padStart(10)} ${'ideal/s'.padStart(9)} ${'ratio'.padStart(6)} ${'CPU ms/dom'.padStart(10)} ${'lab ms/dom'.padStart(10)} ${'peak RSS'.padStart(9)} ${'DB MB'.padStart(7)} ${'wall s'.padStart(7)}\n`);
    for (const c of levels) {
      const job: PhaseJob = { phase: 'audit', db: path.join(dir, `audit-c${c}.sqlite`), settings, domains: names, concurrency: c };
      const labBefore = await labCpuMs();
      const r = await phase(job, dir);
      const labMsPerDomain = ((await labCpuMs()) - labBefore) / Math.max(1, r.done);
      phases.push({ job, result: r });
      const rate = r.done / (r.wallMs / 1000);
      const ideal = idealRate(kinds, c, latency);
      const cpuPerDomain = (r.cpuUserMs + r.cpuSystemMs) / Math.max(1, r.done);
      const row = {
        concurrency: c, domains: r.done, wallMs: r.wallMs, domainsPerSecond: +rate.toFixed(1), idealPerSecond: +ideal.perSecond.toFixed(1),
        meanCriticalPathMs: +ideal.meanPathMs.toFixed(1), ratio: +(rate / ideal.perSecond).toFixed(3), cpuMsPerDomain: +cpuPerDomain.toFixed(2),
        cpuUserMs: r.cpuUserMs, cpuSystemMs: r.cpuSystemMs, labCpuMsPerDomain: +labMsPerDomain.toFixed(2), peakRssMb: r.maxRssMb, dbBytes: r.dbBytes,
      };
      rows.push(row);
      process.stderr.write(`${pad(c, 11)} ${pad(row.domainsPerSecond, 10)} ${pad(row.idealPerSecond, 9)} ${pad(`${Math.round(row.ratio * 100)}%`, 6)} ${pad(row.cpuMsPerDomain, 10)} ${pad(row.labCpuMsPerDomain, 10)} ${pad(`${r.maxRssMb} MB`, 9)} ${pad((r.dbBytes / 1e6).toFixed(1), 7)} ${pad((r.wallMs / 1000).toFixed(1), 7)}\n`);
    }
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
    const pdfSizes = benchPdf(values['pdf-sizes']!.split(',').map(Number));
    const report = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, domains: N, latency, levels: rows,
      workbook: { domains: N, wallMs: workbook.wallMs, peakRssMb: workbook.maxRssMb, bytes: fs.statSync(workbookJob.out!).size },
      pdf: { domains: pdfN, wallMs: pdf.wallMs, peakRssMb: pdf.maxRssMb, bytes: fs.statSync(pdfJob.out!).size },
      pdfSizes,
    } as Record<string, unknown>;
    report.parsers = parserReport();
    printParserReport(report.parsers as ReturnType<typeof parserReport>);
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

async function parsersOnly(): Promise<void> {
  const report = parserReport();
  printParserReport(report);
  if (values.out) fs.writeFileSync(values.out, `${JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, parsers: report }, null, 2)}\n`);
}

await (values.parsers ? parsersOnly() : main());
