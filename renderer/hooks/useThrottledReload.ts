import { useEffect } from 'react';
import { on } from '../api';

/**
 * Calls `reload` when a run changes state, and at most once per `intervalMs` while progress events flow
 * (plus once after they stop), so lists stay live without a request per progress event.
 */
export function useThrottledReload(reload: () => void, runId?: number, intervalMs = 1000): void {
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const matches = (id: number) => runId === undefined || id === runId;
    const offState = on('run:state', (e) => {
      if (matches(e.runId)) reload();
    });
    const offProgress = on('run:progress', (e) => {
      if (!matches(e.runId)) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) {
        last = Date.now();
        reload();
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = undefined;
          last = Date.now();
          reload();
        }, wait);
      }
    });
    return () => {
      offState();
      offProgress();
      if (timer) clearTimeout(timer);
    };
  }, [reload, runId, intervalMs]);
}
