import { useEffect, useState } from 'react';
import { invoke, on } from '../api';
import type { RunProgressView, RunSummary } from '../../shared/ipc';
import { useRequest } from './useRequest';

export interface RunState {
  run: RunSummary | undefined;
  /** Live figures while this window has seen progress events for the run. */
  progress: RunProgressView | undefined;
  error: string | undefined;
  /** The message of the last failure pushed for this run. */
  failure: string | undefined;
  reload: () => void;
}

/** One audit: its stored summary plus the progress pushed while it executes. */
export function useRun(runId: number): RunState {
  const { data, error, reload } = useRequest(() => invoke('run:get', { runId }), `run:${runId}`);
  const [progress, setProgress] = useState<RunProgressView>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    setProgress(undefined);
    setFailure(undefined);
    const offProgress = on('run:progress', (e) => {
      if (e.runId === runId) setProgress(e.progress);
    });
    const offState = on('run:state', (e) => {
      if (e.runId !== runId) return;
      setFailure(e.state === 'failed' ? e.message : undefined);
      reload();
    });
    return () => {
      offProgress();
      offState();
    };
  }, [runId, reload]);

  return { run: data?.id === runId ? data : undefined, progress, error, failure, reload };
}
