import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';

export interface RunListActions {
  /** Why the last resume or delete failed, until the next one starts. */
  error: string | undefined;
  /** Resumes the audit, then `onResumed` (the list opens it); the list reloads once it succeeded. */
  resume(runId: number, onResumed: () => void): void;
  remove(runId: number): void;
}

/** The audit list's own actions: resume an unfinished audit or delete one, then reload the list. */
export function useRunListActions(reload: () => void): RunListActions {
  const [error, setError] = useState<string>();
  const act = useCallback((fn: () => Promise<unknown>) => {
    setError(undefined);
    fn().then(reload, (e: unknown) => setError(errorMessage(e)));
  }, [reload]);

  const resume = useCallback((runId: number, onResumed: () => void) => act(async () => {
    await invoke('run:resume', { runId });
    onResumed();
  }), [act]);
  const remove = useCallback((runId: number) => act(() => invoke('run:delete', { runId })), [act]);

  return { error, resume, remove };
}
