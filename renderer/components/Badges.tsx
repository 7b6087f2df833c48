import type { Posture, Severity } from '../../shared/types';
import type { RunState } from '../../shared/ipc';
import { POSTURE_HINT, POSTURE_LABEL, SEVERITY_LABEL } from '../labels';

export function PostureBadge({ posture }: { posture: Posture }) {
  return <span className={`badge posture-${posture}`} title={POSTURE_HINT[posture]}>{POSTURE_LABEL[posture]}</span>;
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
