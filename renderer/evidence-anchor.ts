/**
 * Where on the domain page the evidence behind a finding is shown: the section (and, for a mail host or a
 * policy line, the element) a finding's "Evidence" link scrolls to. Presentation only: which evidence the
 * engine looked at is told by the code's group and the finding's subject and line.
 */
import type { Finding } from '../shared/types';

export const SECTION_IDS = {
  outcome: 'sec-outcome',
  actions: 'sec-actions',
  problems: 'sec-problems',
  facts: 'sec-facts',
  records: 'sec-records',
  policy: 'sec-policy',
  fetch: 'sec-fetch',
  mx: 'sec-mx',
  dns: 'sec-dns',
  reports: 'sec-reports',
} as const;

/** The id of one mail host's card (host names are letters, digits, dots and dashes). */
export const mxAnchor = (host: string): string => `mx-${host.replace(/[^A-Za-z0-9.-]/g, '_')}`;
export const policyLineAnchor = (line: number): string => `policy-line-${line}`;

/** Element ids to try, most specific first; the first one present on the page is the finding's evidence. */
export function evidenceTargets(f: Finding): string[] {
  const c = f.code;
  if (c.startsWith('MTASTS_POLICY_') || c.startsWith('MTASTS_MODE_')) {
    return [...(f.line !== undefined ? [policyLineAnchor(f.line)] : []), SECTION_IDS.policy, SECTION_IDS.fetch];
  }
  if (c.startsWith('MTASTS_HTTPS_')) return [SECTION_IDS.fetch, SECTION_IDS.records];
  if (c.startsWith('MTASTS_DNS_') || c.startsWith('TLSRPT_')) return [SECTION_IDS.records, SECTION_IDS.dns];
  if (c.startsWith('MTASTS_MX_') || c.startsWith('MX_') || c.startsWith('STARTTLS_') || c.startsWith('DANE_')) {
    const host = f.subject?.split(/[\s:[]/)[0];
    return [...(host ? [mxAnchor(host)] : []), SECTION_IDS.mx, SECTION_IDS.records];
  }
  if (c.startsWith('DNSSEC_')) return [SECTION_IDS.dns, SECTION_IDS.records];
  return [];
}
