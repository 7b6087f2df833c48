import { invoke } from '../api';
import type { RequestOutput } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';

/** What senders reported (TLS-RPT) about one domain of the run, next to its MX. */
export function useDomainReports(runId: number, domain: string): RequestState<RequestOutput<'reports:domain'>> {
  return useRequest(() => invoke('reports:domain', { runId, domain }), `reports:${runId}:${domain}`);
}
