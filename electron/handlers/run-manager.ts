/**
 * Audits run in the background of the backend process: `run:start`/`run:resume` return at once and progress
 * is pushed as events. One AbortController per executing run; pause and cancel both abort it (the runner
 * finishes the domains in flight, whose results the group-committing writer saves before the run's state is
 * stored: store/result-writer.ts) and differ only in the state stored.
 */
import type Database from 'better-sqlite3';
import type { Events, RunState } from '../../shared/ipc';
import { executeRun } from '../run-service';
import type { RunProgress } from '../engine/runner';
import { getRun, setRunState } from '../store/runs';
import { HandlerError, notFound } from './errors';

export type Emit = <E extends keyof Events>(event: E, payload: Events[E]) => void;

export interface RunManager {
  execute(runId: number, concurrency: number): void;
  /** Stops an executing run; `paused` keeps it resumable, `cancelled` marks it finished. */
  stop(runId: number, how: 'paused' | 'cancelled'): Promise<void>;
  isActive(runId: number): boolean;
  /** Pauses every executing run and waits for them (app quit). */
  stopAll(): Promise<void>;
}

interface Active {
  controller: AbortController;
  stopAs: 'paused' | 'cancelled';
  done: Promise<void>;
}

export function createRunManager(db: Database.Database, emit: Emit): RunManager {
  const active = new Map<number, Active>();

  function execute(runId: number, concurrency: number): void {
    if (active.has(runId)) throw new HandlerError('CONFLICT', `run ${runId} is already running`);
    const entry: Active = { controller: new AbortController(), stopAs: 'paused', done: Promise.resolve() };
    const onProgress = (progress: RunProgress) => emit('run:progress', { runId, progress });
    entry.done = executeRun(db, runId, {
      concurrency, signal: entry.controller.signal, onProgress, pauseRequested: () => entry.stopAs === 'paused',
    }).then(
      (r) => finish(runId, r.completed ? 'completed' : entry.stopAs),
      (err: unknown) => finish(runId, 'failed', err instanceof Error ? err.message : String(err)),
    );
    active.set(runId, entry);
    emit('run:state', { runId, state: 'running' });
  }

  function finish(runId: number, state: RunState, message?: string): void {
    active.delete(runId);
    // executeRun stores paused/cancelled/completed itself; after a failure the run stays 'running' in the
    // store, which lists as interrupted and can be resumed.
    emit('run:state', message === undefined ? { runId, state } : { runId, state, message });
  }

  async function stop(runId: number, how: 'paused' | 'cancelled'): Promise<void> {
    const entry = active.get(runId);
    if (entry) {
      entry.stopAs = how;
      entry.controller.abort();
      await entry.done;
      return;
    }
    const run = getRun(db, runId);
    if (!run) throw notFound(`run ${runId}`);
    if (run.state === 'completed') throw new HandlerError('CONFLICT', `run ${runId} is already complete`);
    // A paused or interrupted run has nothing executing: only its stored state changes.
    if (how === 'cancelled' || run.state === 'running') setRunState(db, runId, how);
    emit('run:state', { runId, state: how });
  }

  return {
    execute,
    stop,
    isActive: (runId) => active.has(runId),
    async stopAll() {
      await Promise.all([...active.keys()].map((id) => stop(id, 'paused')));
    },
  };
}
