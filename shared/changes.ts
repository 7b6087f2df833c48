/**
 * What changed for a domain between two audits, as every surface shows it (CHECKS §7.3): one change class per
 * domain, defects and facts counted apart, the outcome before and after. Computed by electron/engine/compare.ts.
 */
import type { FindingCode, Posture, Severity } from './findings';
import type { Outcome } from './outcome';

/** Worst news first: the order of tables and counts. */
export const CHANGE_CLASSES = ['regressed', 'new-defect', 'could-not-compare', 'out-of-scope', 'new-domain', 'fixed', 'unchanged'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export const CHANGE_CLASS_LABEL: Readonly<Record<ChangeClass, string>> = {
  regressed: 'Regressed',
  'new-defect': 'New problem',
  'could-not-compare': 'Could not compare',
  'out-of-scope': 'No longer in the list',
  'new-domain': 'New in the list',
  fixed: 'Fixed',
  unchanged: 'Unchanged',
};

export const CHANGE_CLASS_MEANING: Readonly<Record<ChangeClass, string>> = {
  regressed: 'The protection outcome got worse.',
  'new-defect': 'A new problem appeared; the outcome stayed the same.',
  'could-not-compare': 'One of the two audits could not look (a lookup failed or timed out), so the difference may not be real.',
  'out-of-scope': 'The domain was in the earlier list only; it is not counted as fixed.',
  'new-domain': 'The domain was in the later list only.',
  fixed: 'The outcome got better, or a problem is gone and none appeared.',
  unchanged: 'Nothing that matters changed.',
};

/** Whether a class is good or bad news, for colour: only defect-level changes are either. */
export const CHANGE_CLASS_TONE: Readonly<Record<ChangeClass, 'good' | 'bad' | 'neutral'>> = {
  regressed: 'bad', 'new-defect': 'bad', fixed: 'good',
  'could-not-compare': 'neutral', 'out-of-scope': 'neutral', 'new-domain': 'neutral', unchanged: 'neutral',
};

/** A field-level difference (the policy id, the mode, the MX list...), with its details for engineers. */
export type ChangeKind =
  | 'posture-up' | 'posture-down' | 'posture-changed' | 'id-changed' | 'mode-changed' | 'max-age-changed'
  | 'mx-set-changed' | 'tlsrpt-added' | 'tlsrpt-removed' | 'id-not-updated' | 'removed-without-none' | 'id-bumped-without-change';

export interface Change {
  kind: ChangeKind;
  detail: string;
}

export interface DomainSnapshot {
  posture: Posture;
  outcome: Outcome;
  id?: string;
  mode?: string;
  maxAge?: number;
  mx: string[];
  tlsrpt: boolean;
}

/** One finding that appeared or went away; `subject` tells apart the same code on two MX hosts. */
export interface FindingDelta {
  code: FindingCode;
  severity: Severity;
  subject?: string;
}

export interface DomainComparison {
  domain: string;
  changeClass: ChangeClass;
  /** The worst severity among the defects that changed; absent when no defect changed. */
  severity?: Severity;
  before?: DomainSnapshot;
  after?: DomainSnapshot;
  changes: Change[];
  /** Defects (low and above) present before and gone after. Empty unless both audits saw the domain. */
  defectsFixed: FindingDelta[];
  /** Defects present after and not before. */
  defectsNew: FindingDelta[];
  /** Info-level facts that appeared or went away (e.g. "valid policy" lost): never good or bad news by themselves. */
  factsGained: FindingCode[];
  factsLost: FindingCode[];
  /** For could-not-compare: the findings that show one side could not look. */
  transient?: FindingCode[];
}
