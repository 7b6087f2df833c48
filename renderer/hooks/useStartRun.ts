import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { RequestInput, RunSummary } from '../../shared/ipc';

export interface StartRunState {
  /** True from the request until it fails; on success it stays true while the view moves to the run. */
  starting: boolean;
  error: string | undefined;
  /** Starts the audit of an imported preview; resolves to the new run, or undefined when it did not start. */
  start(input: RequestInput<'run:start'>): Promise<RunSummary | undefined>;
}

/** Starting a new audit from the import step. */
export function useStartRun(): StartRunState {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();

  const start = useCallback(async (input: RequestInput<'run:start'>) => {
    setStarting(true);
    setError(undefined);
    try {
      return await invoke('run:start', input);
    } catch (e) {
      setError(errorMessage(e));
      setStarting(false);
      return undefined;
    }
  }, []);

  return { starting, error, start };
}
