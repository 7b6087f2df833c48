import { invoke } from '../api';
import type { RunSummary } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';
import { useThrottledReload } from './useThrottledReload';

/** Every stored audit, kept current while any of them runs. */
export function useRuns(): RequestState<RunSummary[]> {
  const state = useRequest(() => invoke('run:list', {}), 'runs');
  useThrottledReload(state.reload);
  return state;
}
