/** The words for postures and severities, the same in the UI, the workbook and the PDF. */
import type { Posture, Severity } from './findings';

export const POSTURE_LABEL: Readonly<Record<Posture, string>> = {
  enforce: 'Enforce',
  testing: 'Testing',
  none: 'Mode none',
  absent: 'No MTA-STS',
  invalid: 'Invalid',
  'no-mail': 'No mail',
  error: 'Error',
};

/** Postures as every list, chart and report shows them: best protected first. */
export const POSTURE_ORDER: readonly Posture[] = ['enforce', 'testing', 'none', 'invalid', 'absent', 'error', 'no-mail'];

/** One sentence per posture: the report's legend and the app's hint on each posture badge and bar. */
export const POSTURE_MEANING: Readonly<Record<Posture, string>> = {
  'no-mail': 'The domain accepts no mail (null MX, no MX and no address, or the domain does not exist).',
  error: 'The audit could not decide: a lookup failed or the input is not a domain name.',
  absent: 'No MTA-STS record is published: senders deliver without requiring TLS.',
  invalid: 'MTA-STS is published but broken: strict senders apply no policy.',
  none: 'A valid policy in mode none: MTA-STS is being retired.',
  testing: 'A valid policy in mode testing: failures are reported, mail is not protected.',
  enforce: 'A valid policy in mode enforce: compliant senders require authenticated TLS.',
};

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};
