import { invoke } from '../api';
import type { FindingCount } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';
import { useThrottledReload } from './useThrottledReload';

/** How many domains of a run carry each finding code (the filter list), live while the run executes. */
export function useFindingCounts(runId: number): RequestState<FindingCount[]> {
  const state = useRequest(() => invoke('result:findingCounts', { runId }), `codes:${runId}`);
  useThrottledReload(state.reload, runId, 3000);
  return state;
}
