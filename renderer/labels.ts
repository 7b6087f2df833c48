/**
 * How postures and severities read and in which order they are listed. Presentation only: which posture
 * or severity a domain has is decided by the engine.
 */
import type { ChangeKind } from '../shared/changes';
import type { Severity } from '../shared/types';

// The order and meanings of postures have one home (shared/labels.ts), the same as the exports use.
export { POSTURE_LABEL, POSTURE_MEANING as POSTURE_HINT, POSTURE_ORDER, SEVERITY_LABEL } from '../shared/labels';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];


/** What each kind of change between two audits is about (kinds are the engine's; unknown ones show as sent). */
export const CHANGE_LABEL: Record<ChangeKind, string> = {
  'posture-up': 'Posture improved',
  'posture-down': 'Posture worsened',
  'posture-changed': 'Posture changed',
  'id-changed': 'Policy id',
  'mode-changed': 'Policy mode',
  'max-age-changed': 'Policy max_age',
  'mx-set-changed': 'Policy mx patterns',
  'tlsrpt-added': 'TLS-RPT',
  'tlsrpt-removed': 'TLS-RPT',
  'id-not-updated': 'Policy changed, id not updated',
  'removed-without-none': 'Removed without a mode none step',
  'id-bumped-without-change': 'Id changed, policy identical',
};

