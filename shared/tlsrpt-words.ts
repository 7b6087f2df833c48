/**
 * The words every surface uses for a correlation class (CLI summary, app, workbook, PDF), written once.
 * The sentences per MX come from the engine (correlate.ts `text`); these name the class and say what it means.
 */
import type { CorrelationClass } from './tlsrpt';

/** Short label of a class: the CLI summary's column, the app's badge, the workbook's "Comparison" cell. */
export const CORRELATION_LABEL: Readonly<Record<CorrelationClass, string>> = {
  agrees: 'agrees',
  'observed-not-predicted': 'not predicted',
  'predicted-not-observed': 'not observed',
  healthy: 'healthy',
  'no-reports': 'no reports',
};

/** What a class means, in one plain sentence (legends and the PDF's explanation). */
export const CORRELATION_MEANING: Readonly<Record<CorrelationClass, string>> = {
  agrees: 'The audit predicted a failure here and senders reported failed sessions: the finding is confirmed by real mail.',
  'observed-not-predicted': 'Senders reported failures the audit did not predict: an MX outside the audit, an address the audit did not resolve (a DNS change or an attack in the path), or a transient fault.',
  'predicted-not-observed': 'The audit predicts a failure, but senders reported none here: the policy may be in testing mode, senders may not enforce yet, or they never reach this MX.',
  healthy: 'No failure predicted and none reported.',
  'no-reports': 'No report covers this domain in the period, so there is nothing to compare.',
};

/** Worst news first: the order of rows and legends. */
export const CORRELATION_ORDER: readonly CorrelationClass[] = ['observed-not-predicted', 'agrees', 'predicted-not-observed', 'healthy', 'no-reports'];
