import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { VerifyOutcome } from '../../shared/bundle-verify';

export interface VerifyBundleState {
  busy: boolean;
  outcome: VerifyOutcome | undefined;
  error: string | undefined;
  /** Asks for a bundle, then verifies it in the backend; nothing happens if the dialog is cancelled. */
  choose(): Promise<void>;
  clear(): void;
}

/** "Verify a bundle": the same check as the CLI's `verify`, on a bundle the user picks. */
export function useVerifyBundle(): VerifyBundleState {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<VerifyOutcome>();
  const [error, setError] = useState<string>();

  const choose = useCallback(async () => {
    setError(undefined);
    try {
      const picked = await invoke('dialog:openBundle', {});
      if (!picked) return;
      setBusy(true);
      setOutcome(undefined);
      setOutcome(await invoke('bundle:verify', { path: picked.path }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setOutcome(undefined);
    setError(undefined);
  }, []);

  return { busy, outcome, error, choose, clear };
}
