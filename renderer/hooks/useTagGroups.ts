import { invoke } from '../api';
import type { TagGroup } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';
import { useThrottledReload } from './useThrottledReload';

/** The run's imported tags with their values and counts per outcome, live while the run executes. */
export function useTagGroups(runId: number): RequestState<TagGroup[]> {
  const state = useRequest(() => invoke('result:tagGroups', { runId }), `tags:${runId}`);
  useThrottledReload(state.reload, runId, 3000);
  return state;
}
