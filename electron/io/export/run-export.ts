/**
 * Exports a stored run into a file the way the app and the CLI do: in a worker thread of its own, reading the
 * database file through its own read-only connection (a snapshot, as before: report/store-source.ts).
 *
 * Why a worker:
 * - The backend's event loop keeps serving the app, and a running audit's DNS and SMTP timers never wait
 *   behind a 30-second workbook (2 cores: the export gets the other one).
 * - The worker's heap is bounded (`resourceLimits`), so V8 collects the export's garbage as it goes. Unbounded,
 *   it let the heap grow to about three times the live data between full collections. The bound keeps a
 *   100,000-domain workbook and a 5,000-domain PDF under 400 MB (docs/DECISIONS.md has the figures). All of
 *   it is returned to the system when the worker ends, instead of staying with the long-lived backend.
 * - An export that needs more than its budget (an estate far past the measured sizes) runs out of heap in the
 *   worker alone. It is then done again once, with V8's own limit, so the file still comes, only later.
 *
 * The path the user chose is replaced only by a complete file (report/output-file.ts), whatever the worker
 * did. An in-memory database cannot be opened by a second thread, and a worker may fail to start (its
 * script missing from a broken package, say): such exports are done in the calling thread, as before.
 */
import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { databaseFile } from '../../store/db';
import { getRun } from '../../store/runs';
import { bundleWorkDir } from '../bundle/work-dir';
import { writeReplacing } from '../report/output-file';
import type { ExportJob } from './job';
import type { WorkerInput, WorkerMessage, WorkerOutcome } from './worker';

/** From this many domains on, a workbook's heap is bounded too (heapBudgetMb). */
export const LARGE_WORKBOOK = 50_000;

/**
 * The worker's old-generation heap limit in MB, or undefined for V8's own (several GB).
 *
 * V8 lets a heap grow between full collections by a factor that rises with its limit, up to 4 for a limit of
 * 2 GB or more (heap-controller.cc, MaxGrowingFactor), so an unbounded export carries about three times its
 * live data, and its buffers wait as long for the collection that frees them. A tight limit keeps both down
 * at the price of more frequent collections: the measured live data plus headroom.
 * - PDF (and a bundle, which writes one): under 90 MB live at 5,000 domains, most of it fonts and layout;
 *   160 MB and 1 KB a domain.
 * - Workbook: about 110 MB live at 100,000 domains, mostly the estate's actions; 64 MB and 1 KB a domain. Below
 *   LARGE_WORKBOOK domains it is not bounded: at 20,000 a 165 MB limit cost 30% more time for a peak that
 *   stays under 330 MB anyway.
 */
export function heapBudgetMb(kind: ExportJob['kind'], domains: number): number | undefined {
  const perDomain = Math.ceil(domains / 1000);
  if (kind !== 'workbook') return 160 + perDomain;
  return domains < LARGE_WORKBOOK ? undefined : 64 + perDomain;
}

/**
 * The young generation's size when the heap is bounded: a third of V8's default, as short-lived objects are
 * most of an export's allocations and the measured figures hold with it.
 */
const YOUNG_GENERATION_MB = 16;

export class ExportOutOfMemory extends Error {}

/** The worker could not even start (its script not found, say): nothing was exported. */
class WorkerUnavailable extends Error {}

/** How an export was done, for the log and the tests. */
export interface ExportReport {
  /** 'worker': in a worker thread; 'this thread': an in-memory database, or a worker that could not start. */
  where: 'worker' | 'this thread';
  /** The heap limit of the worker that wrote the file (MB); undefined: V8's own. */
  heapMb?: number;
  /** A first worker ran out of its heap budget and the export was done again. */
  retried: boolean;
}

export interface ExportOptions {
  /** Overrides heapBudgetMb(); undefined: V8's own limit. */
  heapBudgetMb?: number | undefined;
  /** Overrides the worker's script (workerScript()): the tests' way to a worker that cannot start. */
  workerScript?: URL;
}

/** Writes the job's file to `target`. Rejects with the export's own error (a full disk, a missing run). */
export async function writeExport(db: Database.Database, job: ExportJob, target: string, opts: ExportOptions = {}): Promise<ExportReport> {
  const dbFile = databaseFile(db);
  const budget = 'heapBudgetMb' in opts ? opts.heapBudgetMb : heapBudgetMb(job.kind, getRun(db, job.runId)?.total ?? 0);
  const workDir = job.kind === 'bundle' ? await bundleWorkDir() : undefined;
  let report: ExportReport = { where: 'this thread', retried: false };
  try {
    await writeReplacing(target, async (file) => {
      if (!dbFile) return inThisThread(db, job, file, workDir);
      const input: WorkerInput = { dbFile, job, file, workDir };
      const script = opts.workerScript ?? workerScript();
      try {
        await inWorker(script, input, budget);
        report = { where: 'worker', heapMb: budget, retried: false };
      } catch (err) {
        if (err instanceof WorkerUnavailable) {
          process.emitWarning(`exporting in this thread: ${err.message}`);
          return inThisThread(db, job, file, workDir);
        }
        if (!(err instanceof ExportOutOfMemory) || budget === undefined) throw err;
        // The writers truncate their file when they open it; emptied here too, so no reader ever sees the
        // first attempt's bytes.
        await fs.truncate(file, 0);
        await inWorker(script, input, undefined);
        report = { where: 'worker', retried: true };
      }
    });
  } finally {
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  }
  return report;
}

/** The export done here; its writers are loaded only then, so a thread that starts workers never holds them. */
async function inThisThread(db: Database.Database, job: ExportJob, file: string, workDir: string | undefined): Promise<void> {
  const { writeExportFile } = await import('./job');
  await writeExportFile(db, job, file, workDir);
}

/**
 * From source (tsx, vitest), worker.ts beside this module, loaded through tsx as the CLI is. Built, the
 * backend bundle's export-worker.js, which sits beside every file of the bundle (build/vite.electron.config.ts).
 */
function workerScript(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './export-worker.js', import.meta.url);
}

/** Runs one export in a new worker whose heap is bounded by `heapMb` (undefined: V8's own limit). */
function inWorker(script: URL, input: WorkerInput, heapMb: number | undefined): Promise<void> {
  let worker: Worker;
  try {
    worker = new Worker(script, {
      workerData: input,
      execArgv: script.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
      resourceLimits: heapMb === undefined ? undefined : { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  } catch (err) {
    return Promise.reject(new WorkerUnavailable(err instanceof Error ? err.message : String(err)));
  }
  return new Promise<void>((resolve, reject) => {
    let started = false;
    let outcome: WorkerOutcome | undefined;
    worker.on('message', (message: WorkerMessage) => {
      if (message === 'started') started = true;
      else outcome = message;
    });
    worker.once('error', (err: Error & { code?: string }) => {
      outcome ??= err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? { ok: false, message: 'out of memory', code: err.code }
        : { ok: false, message: err.message, code: err.code };
    });
    worker.once('exit', (exitCode) => {
      if (outcome?.ok) return resolve();
      if (!started) return reject(new WorkerUnavailable(outcome?.message ?? `the export worker did not start (exit code ${exitCode})`));
      if (outcome?.code === 'ERR_WORKER_OUT_OF_MEMORY') return reject(new ExportOutOfMemory(heapMb === undefined ? 'the export ran out of memory' : `the export needed more than its ${heapMb} MB heap`));
      const err = new Error(outcome?.message ?? `the export stopped without finishing (exit code ${exitCode})`);
      reject(outcome?.code ? Object.assign(err, { code: outcome.code }) : err);
    });
  });
}
