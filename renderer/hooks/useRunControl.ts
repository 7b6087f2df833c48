import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { RunSummary } from '../../shared/ipc';

export type RunAction = 'run:pause' | 'run:cancel' | 'run:resume';

export interface RunControl {
  /** The pause, cancel or resume in progress: its button says so and the others wait. */
  busy: RunAction | undefined;
  /** The last action that failed and why, until the next one starts. */
  failed: { action: RunAction | 'run:again'; message: string } | undefined;
  /** Pauses, cancels or resumes; `onSettled` (a reload) runs whether it worked or not. */
  act(action: RunAction): Promise<void>;
  /** Starts a new audit of the same list under `name`; resolves to it, or undefined when it failed. */
  again(name: string): Promise<RunSummary | undefined>;
}

/** The run page's controls: pause, cancel and resume this audit, or start it again as a new one. */
export function useRunControl(runId: number, onSettled: () => void): RunControl {
  const [busy, setBusy] = useState<RunAction>();
  const [failed, setFailed] = useState<RunControl['failed']>();

  const act = useCallback(async (action: RunAction) => {
    setBusy(action);
    setFailed(undefined);
    try {
      // Pause and cancel return once the domains in flight are saved (a slow host can take seconds).
      await invoke(action, { runId });
    } catch (e) {
      setFailed({ action, message: errorMessage(e) });
    } finally {
      setBusy(undefined);
      onSettled();
    }
  }, [runId, onSettled]);

  const again = useCallback(async (name: string) => {
    setFailed(undefined);
    try {
      return await invoke('run:again', { runId, name });
    } catch (e) {
      setFailed({ action: 'run:again', message: errorMessage(e) });
      return undefined;
    }
  }, [runId]);

  return { busy, failed, act, again };
}
