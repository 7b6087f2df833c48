import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { VerifyOutcome } from '../../shared/bundle-verify';
import type { RunSummary } from '../../shared/ipc';

export interface VerifyBundleState {
  busy: boolean;
  outcome: VerifyOutcome | undefined;
  error: string | undefined;
  /** Asks for a bundle, then verifies it in the backend; nothing happens if the dialog is cancelled. */
  choose(): Promise<void>;
  /** Opens the bundle just verified as a read-only audit (offline review); the run, or undefined if refused. */
  open(): Promise<RunSummary | undefined>;
  clear(): void;
}

/** "Verify a bundle": the same check as the CLI's `verify`, on a bundle the user picks. */
export function useVerifyBundle(): VerifyBundleState {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<VerifyOutcome>();
  const [error, setError] = useState<string>();
  const [path, setPath] = useState<string>();

  const choose = useCallback(async () => {
    setError(undefined);
    try {
      const picked = await invoke('dialog:openBundle', {});
      if (!picked) return;
      setBusy(true);
      setOutcome(undefined);
      setPath(picked.path);
      setOutcome(await invoke('bundle:verify', { path: picked.path }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  const open = useCallback(async () => {
    if (!path) return undefined;
    setError(undefined);
    setBusy(true);
    try {
      const opened = await invoke('bundle:open', { path });
      if (opened.ok) return opened.run;
      setOutcome(opened.report ?? { ok: false, bundle: opened.bundle, refused: opened.refused });
      return undefined;
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [path]);
  const clear = useCallback(() => {
    setOutcome(undefined);
    setError(undefined);
  }, []);

  return { busy, outcome, error, choose, open, clear };
}
