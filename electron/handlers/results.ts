/** A run's results: the paged table, the per-code filter list, and one domain's full result. */
import { runExists } from '../store/runs';
import { findingCounts, getResult, iterateResults, listResults } from '../store/results';
import { deriveActions, groupActions } from '../engine/actions';
import { getResultOfEntry, tagGroups, worstCounts } from '../store/result-list';
import type { HandlerContext, Implementations } from './context';
import { notFound } from './errors';
import { resultOutcome } from '../../shared/outcome';
import type { DomainView } from '../../shared/ipc';
import type { DomainResult } from '../../shared/types';

/**
 * The result with the outcome decided from it (shared/outcome.ts) and its actions: the page shows them, never
 * re-derives them. Actions are derived at the audit's time, so a proposed id is the same on every visit.
 */
const withVerdict = (r: DomainResult): DomainView => ({ ...r, verdict: resultOutcome(r), actions: deriveActions(r, new Date(r.startedAt)) });

type ResultChannels = 'run:actions' | 'result:list' | 'result:findingCounts' | 'result:tagGroups' | 'result:worstCounts' | 'domain:get';

export function resultHandlers(ctx: HandlerContext): Implementations<ResultChannels> {
  const { db } = ctx;
  // An empty list would look like an audit with no results yet; a deleted audit must say so.
  const requireRun = (runId: number): void => {
    if (!runExists(db, runId)) throw notFound(`audit ${runId}`);
  };

  return {
    'result:list'({ runId, ...query }) {
      requireRun(runId);
      return listResults(db, runId, query);
    },
    'result:findingCounts'({ runId }) {
      requireRun(runId);
      return findingCounts(db, runId);
    },
    'result:tagGroups'({ runId }) {
      requireRun(runId);
      return tagGroups(db, runId);
    },
    'run:actions'({ runId, limit }) {
      requireRun(runId);
      const items = [...iterateResults(db, runId)].map(({ result }) => ({
        domain: result.domain || result.input, outcome: resultOutcome(result).outcome, actions: deriveActions(result, new Date(result.startedAt)).actions,
      }));
      const all = groupActions(items);
      return { total: all.length, actions: all.slice(0, limit ?? 50) };
    },
    'result:worstCounts'({ runId }) {
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
