/**
 * One measured benchmark phase in a fresh process, so CPU time and peak RSS belong to that phase alone:
 *   audit     create a run of the given domains in a new SQLite file and audit it through the real runner
 *   workbook  export the run's Excel workbook
 *   pdf       export the run's full PDF evidence pack
 * Reads its job as JSON from argv[2], prints one JSON line with the measurements. With `profile` set, it
 * records a V8 CPU profile of the phase (node:inspector) and writes it there. An audit phase also reports
 * every domain's duration and how many domains had a DNS question that took a full fixed time-out or more.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AuditSettings, DomainResult } from '../../shared/types';
import { unpackJson } from '../../electron/store/json-blob';
import { openDatabase } from '../../electron/store/db';
import { executeRun, startNewRun } from '../../electron/run-service';
import { writeWorkbook } from '../../electron/io/workbook';
import { writeEvidencePdf } from '../../electron/io/evidence-pack';

export interface PhaseJob {
  phase: 'audit' | 'workbook' | 'pdf';
  db: string;
  settings: AuditSettings;
  domains: string[];
  concurrency: number;
  runId?: number;
  out?: string;
  profile?: string;
}

export interface PhaseResult {
  phase: PhaseJob['phase'];
  runId: number;
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  maxRssMb: number;
  dbBytes: number;
  done: number;
  /** Audit phase: each domain's duration (DomainResult.durationMs), ascending. */
  durationsMs?: number[];
  /** Audit phase: domains with a DNS answer that took the fixed per-attempt time-out (dnsTimeoutMs) or longer in flight. */
  dnsTimeoutWaits?: number;
  /**
   * Audit phase: this process's event-loop delay p99 over the audit (ms). In-process, that is what a main process
   * running the backend on its own loop (as the app did before electron/backend/) would make its windows wait.
   */
  loopDelayP99Ms?: number;
}

const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as PhaseJob;
const db = openDatabase(job.db);
const session = job.profile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let runId = job.runId ?? 0;
let done = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });
if (job.phase === 'audit') {
  loop.enable();
  const run = startNewRun(db, { name: `bench c=${job.concurrency}`, settings: job.settings, domains: job.domains.map((d) => ({ input: d, domain: d, tags: {} })) });
  runId = run.id;
  const r = await executeRun(db, run.id, { concurrency: job.concurrency });
  loop.disable();
  done = r.run.done;
} else if (job.phase === 'workbook') {
  await writeWorkbook(db, runId, job.out!);
} else {
  await writeEvidencePdf(db, runId, job.out!, { summaryOnly: false, auditor: 'Benchmark' });
}
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(job.profile!, JSON.stringify(profile));
  session.disconnect();
}
let durationsMs: number[] | undefined;
let dnsTimeoutWaits: number | undefined;
if (job.phase === 'audit') {
  const rows = db.prepare('SELECT r.duration_ms AS d, e.json AS j FROM results AS r JOIN result_evidence AS e ON e.result_id = r.id WHERE r.run_id = ?')
    .all(runId) as { d: number; j: Buffer }[];
  durationsMs = rows.map((r) => r.d).sort((a, b) => a - b);
  // Time waiting for a slot under the query ceiling is not a time-out wait.
  dnsTimeoutWaits = rows.filter((r) => unpackJson<DomainResult>(r.j).evidence.dns.some((a) => a.elapsedMs - (a.queuedMs ?? 0) >= job.settings.dnsTimeoutMs)).length;
}
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
const result: PhaseResult = {
  phase: job.phase, runId, wallMs: Math.round(wallMs), cpuUserMs: Math.round(cpu.user / 1000), cpuSystemMs: Math.round(cpu.system / 1000),
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), dbBytes: fs.statSync(job.db).size, done, durationsMs, dnsTimeoutWaits,
  loopDelayP99Ms: job.phase === 'audit' ? +(loop.percentile(99) / 1e6).toFixed(1) : undefined,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
