/**
 * The export worker thread, started by run-export.ts: opens the audit database read-only, writes one job's
 * file and says how it went. Its heap is its own, bounded by the caller, and returned when it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportJob } from './job';

export interface WorkerInput {
  dbFile: string;
  job: ExportJob;
  file: string;
  workDir?: string;
}

/** How the export went; an error is passed as its words, which is what reaches people. */
export type WorkerOutcome = { ok: true } | { ok: false; message: string; code?: string };

/**
 * First 'started' (the worker runs: the caller need not do the export itself), then the outcome. The writers
 * are loaded after 'started', within the heap bound: running out of heap while loading them is running out
 * of heap like any other, and a worker that starts at all can do any export.
 */
export type WorkerMessage = 'started' | WorkerOutcome;

async function main(input: WorkerInput): Promise<WorkerOutcome> {
  const [{ default: Database }, { writeExportFile }] = await Promise.all([import('better-sqlite3'), import('./job')]);
  const db = new Database(input.dbFile, { readonly: true, fileMustExist: true });
  try {
    await writeExportFile(db, input.job, input.file, input.workDir);
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    return { ok: false, message: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) };
  } finally {
    db.close();
  }
}

parentPort!.postMessage('started' satisfies WorkerMessage);
parentPort!.postMessage((await main(workerData as WorkerInput)) satisfies WorkerMessage);
