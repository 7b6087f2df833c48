/**
 * How postures, severities and summary facts read and look in every export, defined once so the workbook
 * and the PDF use the same words and colours.
 */
import type { Posture, Severity } from '../../../shared/findings';
import type { DaneSummary, StarttlsSummary, TlsRptSummary } from '../../../shared/result-summary';

export { POSTURE_LABEL, POSTURE_MEANING, POSTURE_ORDER, SEVERITY_LABEL } from '../../../shared/labels';

/** Strong colour (chart bars, badges) and light fill (table cells) per posture, as hex RGB. */
export const POSTURE_COLOUR: Record<Posture, { strong: string; fill: string }> = {
  enforce: { strong: '2E7D32', fill: 'C8E6C9' },
  testing: { strong: 'F9A825', fill: 'FFF3C4' },
  none: { strong: '78909C', fill: 'ECEFF1' },
  invalid: { strong: 'C62828', fill: 'FFCDD2' },
  absent: { strong: 'EF6C00', fill: 'FFE0B2' },
  error: { strong: '6A1B9A', fill: 'E1BEE7' },
  'no-mail': { strong: '9E9E9E', fill: 'EEEEEE' },
};


export const SEVERITY_COLOUR: Record<Severity, { strong: string; fill: string }> = {
  critical: { strong: 'B71C1C', fill: 'F8BBD0' },
  high: { strong: 'E65100', fill: 'FFCCBC' },
  medium: { strong: 'F9A825', fill: 'FFF9C4' },
  low: { strong: '1565C0', fill: 'BBDEFB' },
  info: { strong: '607D8B', fill: 'ECEFF1' },
};

export const STARTTLS_LABEL: Record<StarttlsSummary, string> = {
  ok: 'OK on every MX',
  'some-failing': 'failing on some MX',
  'all-failing': 'failing on every MX',
  'not-tested': 'not tested',
  'no-mx': 'no MX',
};

export const DANE_LABEL: Record<DaneSummary, string> = {
  valid: 'valid on every MX',
  partial: 'on some MX',
  failing: 'failing',
  insecure: 'TLSA not DNSSEC-secure',
  absent: 'not deployed',
  'no-mx': 'no MX',
};

export const TLSRPT_LABEL: Record<TlsRptSummary, string> = {
  valid: 'valid',
  invalid: 'invalid',
  missing: 'missing',
};

/** Catalogue prose uses Markdown code spans; printed text shows their content without the backticks. */
export function plainCatalogueText(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1');
}

export function yesNo(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'yes' : 'no';
}

/** An ISO timestamp as printed in reports: `2026-03-02 09:00 UTC`; empty when absent or unparsable. */
export function utcMinute(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '0.0%';
}
