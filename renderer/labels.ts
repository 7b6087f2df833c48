/**
 * How postures and severities read and in which order they are listed. Presentation only: which posture
 * or severity a domain has is decided by the engine.
 */
import type { Posture, Severity } from '../shared/types';

export const POSTURE_ORDER: readonly Posture[] = ['enforce', 'testing', 'none', 'absent', 'invalid', 'no-mail', 'error'];

export { POSTURE_LABEL, SEVERITY_LABEL } from '../shared/labels';

export const POSTURE_HINT: Record<Posture, string> = {
  enforce: 'A valid policy in enforce mode covers every MX',
  testing: 'A valid policy in testing mode: failures are reported, mail still flows',
  none: 'The policy is withdrawn (mode: none)',
  absent: 'No MTA-STS record published',
  invalid: 'MTA-STS is published but broken: senders cannot apply it',
  'no-mail': 'The domain does not receive mail (null MX or no mail host)',
  error: 'The audit could not complete (DNS failure or time-out)',
};

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];


/** What each kind of change between two audits is about (kinds are the engine's; unknown ones show as sent). */
export const CHANGE_LABEL: Record<string, string> = {
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

