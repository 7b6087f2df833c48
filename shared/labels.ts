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

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};
