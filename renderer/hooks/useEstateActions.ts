import { invoke } from '../api';
import type { RunActionsView } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';
import { useThrottledReload } from './useThrottledReload';

/** A run's first `limit` actions by root cause, in the backend's priority order, live while the run executes. */
export function useEstateActions(runId: number, limit: number): RequestState<RunActionsView> {
  const state = useRequest(() => invoke('run:actions', { runId, limit }), `actions:${runId}`);
  useThrottledReload(state.reload, runId, 5000);
  return state;
}
