import { useEffect, useState } from 'react';
import { invoke } from '../api';
import type { ResultRow } from '../../shared/ipc';
import { recall } from '../view-memory';
import type { ResultQuery } from './useResults';

/** What the results view leaves for the domain view: its query and the index of the row opened. */
export const resultsQueryKey = (runId: number): string => `results:${runId}:query`;
export const resultsActiveKey = (runId: number): string => `results:${runId}:active`;

export interface Neighbours {
  previous?: { row: ResultRow; index: number };
  next?: { row: ResultRow; index: number };
}

/**
 * The rows before and after the open one in the results table as last filtered and sorted, so the domain
 * page can step through the list. Nothing when the page was not opened from that table (or the row moved).
 */
export function useNeighbours(runId: number, runDomainId: number | undefined): Neighbours {
  // Tagged with the row they belong to: right after a step, the previous row's neighbours must not be used (a
  // quick second key press would step from the wrong place).
  const [found, setFound] = useState<{ of?: number; near: Neighbours }>({ near: {} });
  useEffect(() => {
    const query = recall<ResultQuery>(resultsQueryKey(runId));
    const index = recall<number>(resultsActiveKey(runId));
    if (query === undefined || index === undefined || runDomainId === undefined) return;
    let live = true;
    const offset = Math.max(0, index - 1);
    invoke('result:list', { runId, offset, limit: 3, ...query }).then((r) => {
      const at = (i: number) => r.rows[i - offset];
      if (!live || at(index)?.runDomainId !== runDomainId) return;
      const prev = index > 0 ? at(index - 1) : undefined;
      const next = at(index + 1);
      setFound({ of: runDomainId, near: { ...(prev ? { previous: { row: prev, index: index - 1 } } : {}), ...(next ? { next: { row: next, index: index + 1 } } : {}) } });
    }, () => undefined);
    return () => { live = false; };
  }, [runId, runDomainId]);
  return found.of === runDomainId ? found.near : {};
}
