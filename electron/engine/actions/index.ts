/** The actions engine: what to do per domain (deriveActions, resultActions) and across an estate (groupActions). */
import type { DomainActions } from '../../../shared/actions';
import type { DomainResult } from '../../../shared/types';
import { deriveActions } from './derive';

export { deriveActions };
export { groupActions, type ActionItem } from './group';
export { readiness } from './readiness';

/**
 * A stored or fresh result's actions, derived at the time of its audit: the same result always gives the same
 * actions (the fresh id is the audit's time), so the CLI, the app and the exports agree, and a result read back
 * from the store proposes exactly what it proposed when it was audited.
 */
export function resultActions(result: DomainResult): DomainActions {
  const at = new Date(result.startedAt);
  return deriveActions(result, Number.isNaN(at.getTime()) ? new Date(0) : at);
}
