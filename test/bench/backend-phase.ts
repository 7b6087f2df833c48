/**
 * The audit phase as the app runs it: this process stands in for Electron's main process and drives the backend
 * process (electron/backend/host.ts, forked as the app forks it) through the message channel: the domains are
 * imported as a dropped CSV, the audit started with `run:start`, and followed by its pushed events until it
 * completes. Meanwhile this process's event-loop delay is sampled (perf_hooks.monitorEventLoopDelay): what
 * windows, menus and dialogs would wait for. Reads its job as JSON from argv[2], prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Reply, RunSummary } from '../../shared/ipc';
import type { AuditSettings } from '../../shared/types';
import { createBackendClient } from '../../electron/backend/client';
import { forkBackend } from '../../electron/backend/fork';

export interface BackendPhaseJob {
  db: string;
  settings: AuditSettings;
  domains: string[];
  concurrency: number;
}

export interface BackendPhaseResult {
  runId: number;
  done: number;
  /** From run:start to the completed event. */
  wallMs: number;
  /**
   * This (main's) process: event-loop delay over the run (a 10 ms timer's interval between callbacks, so an idle
   * loop reads about 10 ms), and its own CPU time (IPC and event handling).
   */
  loopDelayMs: { p50: number; p99: number; max: number };
  mainCpuMs: number;
  progressEvents: number;
}

const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as BackendPhaseJob;
const value = <T>(r: Reply<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

let progressEvents = 0;
let finished: (state: string) => void = () => {};
const ended = new Promise<string>((resolve) => {
  finished = resolve;
});
let runId = 0;
const client = createBackendClient(forkBackend({ db: job.db, settings: `${job.db}.settings.json` }), (event, payload) => {
  if (event === 'run:progress') progressEvents++;
  if (event === 'run:state' && 'state' in payload && payload.runId === runId && payload.state !== 'running') finished(payload.state);
});
await client.ready;
value(await client.dispatch('settings:set', { audit: job.settings }));
const csv = `Domain\n${job.domains.join('\n')}\n`;
const preview = value<{ token: string }>(await client.dispatch('import:preview', { source: { kind: 'bytes', name: path.basename(`${job.db}.csv`), bytes: new TextEncoder().encode(csv) } }));

const histogram = monitorEventLoopDelay({ resolution: 10 });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
histogram.enable();
const run = value<RunSummary>(await client.dispatch('run:start', { token: preview.token, name: `bench backend c=${job.concurrency}`, concurrency: job.concurrency, settings: {} }));
runId = run.id;
const state = await ended;
histogram.disable();
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (state !== 'completed') throw new Error(`the audit ended ${state}`);
const summary = value<RunSummary>(await client.dispatch('run:get', { runId }));
await client.shutdown(30_000);
const ms = (ns: number) => +(ns / 1e6).toFixed(1);
const result: BackendPhaseResult = {
  runId, done: summary.done, wallMs: Math.round(wallMs), progressEvents, mainCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  loopDelayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
