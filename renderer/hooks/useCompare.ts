import { invoke } from '../api';
import type { ComparisonView } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';

/** What changed between an earlier and a later audit; nothing is loaded until both are chosen. */
export function useCompare(runA: number | undefined, runB: number | undefined): RequestState<ComparisonView> {
  const load = runA && runB ? () => invoke('run:compare', { runA, runB }) : undefined;
  return useRequest(load, `${runA ?? ''}:${runB ?? ''}`);
}
