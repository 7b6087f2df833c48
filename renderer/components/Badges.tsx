import type { Posture, Severity } from '../../shared/types';
import { OUTCOME_LABEL, OUTCOME_MEANING, type Outcome } from '../../shared/outcome';
import { CHANGE_CLASS_LABEL, CHANGE_CLASS_MEANING, CHANGE_CLASS_TONE, type ChangeClass } from '../../shared/changes';
import type { RunState } from '../../shared/ipc';
import { POSTURE_HINT, POSTURE_LABEL, SEVERITY_LABEL } from '../labels';

export function PostureBadge({ posture }: { posture: Posture }) {
  return <span className={`badge posture-${posture}`} title={POSTURE_HINT[posture]}>{POSTURE_LABEL[posture]}</span>;
}

/** The protection outcome: the first thing a domain shows (shared/outcome.ts). */
export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <span className={`badge outcome-${outcome}`} title={OUTCOME_MEANING[outcome]}>{OUTCOME_LABEL[outcome]}</span>;
}

/** A change class between two audits; only fixed, regressed and new problems are coloured good or bad. */
export function ChangeClassBadge({ changeClass }: { changeClass: ChangeClass }) {
  return <span className={`badge change-${CHANGE_CLASS_TONE[changeClass]}`} title={CHANGE_CLASS_MEANING[changeClass]}>{CHANGE_CLASS_LABEL[changeClass]}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge sev-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}

const STATE_LABEL: Record<RunState, string> = {
  pending: 'Not started',
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  completed: 'Completed',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export function StateBadge({ state }: { state: RunState }) {
  return <span className={`badge state-${state}`}>{STATE_LABEL[state]}</span>;
}
