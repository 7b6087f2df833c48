/** A run's results: the paged table, the per-code filter list, and one domain's full result. */
import { runExists } from '../store/runs';
import { findingCounts, getResult, listResults } from '../store/results';
import { getResultOfEntry, tagGroups, worstCounts } from '../store/result-list';
import type { HandlerContext, Implementations } from './context';
import { notFound } from './errors';
import { resultOutcome } from '../../shared/outcome';
import type { DomainView } from '../../shared/ipc';
import type { DomainResult } from '../../shared/types';

/** The result with the outcome decided from it (shared/outcome.ts): the page shows the verdict, never re-derives it. */
const withVerdict = (r: DomainResult): DomainView => ({ ...r, verdict: resultOutcome(r) });

type ResultChannels = 'results:list' | 'results:findingCounts' | 'results:tagGroups' | 'results:worstCounts' | 'domain:get';

export function resultHandlers(ctx: HandlerContext): Implementations<ResultChannels> {
  const { db } = ctx;
  // An empty list would look like an audit with no results yet; a deleted audit must say so.
  const requireRun = (runId: number): void => {
    if (!runExists(db, runId)) throw notFound(`audit ${runId}`);
  };

  return {
    'results:list'({ runId, ...query }) {
      requireRun(runId);
      return listResults(db, runId, query);
    },
    'results:findingCounts'({ runId }) {
      requireRun(runId);
      return findingCounts(db, runId);
    },
    'results:tagGroups'({ runId }) {
      requireRun(runId);
      return tagGroups(db, runId);
    },
    'results:worstCounts'({ runId }) {
      requireRun(runId);
      return worstCounts(db, runId);
    },
    'domain:get'({ runId, runDomainId, domain }) {
      requireRun(runId);
      if (runDomainId !== undefined) {
        const result = getResultOfEntry(db, runId, runDomainId);
        if (!result) throw notFound(`a result for row ${runDomainId} of audit ${runId}`);
        return withVerdict(result);
      }
      const name = domain ?? '';
      const result = getResult(db, runId, name);
      if (!result) throw notFound(`a result for ${name} in audit ${runId}`);
      return withVerdict(result);
    },
  };
}
