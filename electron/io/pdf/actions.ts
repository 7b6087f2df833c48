/**
 * What to do, per domain and across the estate, as the pack prints it: the engine's actions
 * (electron/engine/actions/: ordered per domain, with the exact records and policy lines to publish, and a
 * readiness verdict for mode enforce) and, across the estate, the same actions grouped by root cause with a
 * priority. One pass over the results derives them for the summary; each domain's section derives its own.
 */
import type { Action, DomainActions, EstateAction } from '../../../shared/actions';
import { CATALOGUE } from '../../../shared/findings';
import { resultOutcome } from '../../../shared/outcome';
import type { DomainResult } from '../../../shared/types';
import { deriveActions, groupActions, type ActionItem } from '../../engine/actions';
import { domainLabel, type ReportSource } from '../report/source';

export type PackAction = Action;

/** A result as the actions engine takes it: findings with a code this release knows (a newer release's stay listed as found). */
function known(r: DomainResult): DomainResult {
  return r.findings.every((f) => Object.hasOwn(CATALOGUE, f.code)) ? r : { ...r, findings: r.findings.filter((f) => Object.hasOwn(CATALOGUE, f.code)) };
}

export function domainActions(r: DomainResult, now: Date): DomainActions {
  return deriveActions(known(r), now);
}

/** The estate's actions by priority (1 first), one per root cause, with the domains each one fixes. */
export function estateActions(source: ReportSource, now: Date): EstateAction[] {
  function* items(): Generator<ActionItem> {
    for (const { result } of source.results()) yield { domain: domainLabel(result), outcome: resultOutcome(result).outcome, actions: deriveActions(known(result), now).actions };
  }
  return groupActions(items());
}
