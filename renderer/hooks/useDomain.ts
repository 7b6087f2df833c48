import { invoke } from '../api';
import type { DomainView } from '../../shared/ipc';
import { useRequest, type RequestState } from './useRequest';

/** Which result of a run: a table row's entry id (any row), or a domain name (its first entry). */
export type DomainRef = { runDomainId: number } | { domain: string };

/** One domain's full result with its evidence. */
export function useDomain(runId: number, ref: DomainRef): RequestState<DomainView> {
  const key = 'runDomainId' in ref ? `${runId}#${ref.runDomainId}` : `${runId}/${ref.domain}`;
  return useRequest(() => invoke('domain:get', { runId, ...ref }), key);
}
