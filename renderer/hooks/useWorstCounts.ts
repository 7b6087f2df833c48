import { invoke } from '../api';
import type { RequestOutput } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';
import { useThrottledReload } from './useThrottledReload';

/** How many domains of a run have each worst severity (or none), live while the run executes. */
export function useWorstCounts(runId: number): RequestState<RequestOutput<'result:worstCounts'>> {
  const state = useRequest(() => invoke('result:worstCounts', { runId }), `worst:${runId}`);
  useThrottledReload(state.reload, runId, 2000);
  return state;
}
