import { invoke } from '../api';
import type { RequestOutput } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';

/** What senders reported (TLS-RPT) about the run's domains, next to what the audit predicts. */
export function useEstateReports(runId: number): RequestState<RequestOutput<'reports:estate'>> {
  return useRequest(() => invoke('reports:estate', { runId }), `reports:${runId}`);
}
