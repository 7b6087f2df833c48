/**
 * What to do, per domain and across the estate, as the pack prints it: one action per root cause, worst first,
 * with the steps and the exact records or policy lines to publish. Derived here from the findings (one root
 * cause per finding code, the fix from words.ts) until the engine's actions (electron/engine/actions/) are
 * wired in: the drawing code reads only this shape, so that is a change to this file alone.
 */
import { severityRank, type FindingCode, type Severity } from '../../../shared/findings';
import type { DomainResult } from '../../../shared/types';
import { findingWords } from './words';

export interface PublishValue {
  kind: string;
  name: string;
  value: string;
}

export interface PackAction {
  rootCause: string;
  title: string;
  why: string;
  steps: string[];
  publish: PublishValue[];
  severity: Severity;
  resolves: FindingCode[];
  /** The MX hosts (or other subjects) the action is about, when not the whole domain. */
  hosts: string[];
}

/** The domain's actions, worst first: one per defect code (info facts need none). */
export function domainActions(r: DomainResult): PackAction[] {
  const byCode = new Map<FindingCode, PackAction>();
  for (const f of r.findings) {
    if (f.severity === 'info') continue;
    let a = byCode.get(f.code);
    if (!a) {
      const w = findingWords(f.code);
      a = { rootCause: f.code, title: w.title, why: w.impact, steps: w.fix, publish: [], severity: f.severity, resolves: [f.code], hosts: [] };
      byCode.set(f.code, a);
    }
    if (f.subject && !a.hosts.includes(f.subject)) a.hosts.push(f.subject);
  }
  return [...byCode.values()].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.rootCause.localeCompare(b.rootCause));
}
