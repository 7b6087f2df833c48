/**
 * The PDF's TLS-RPT section: what senders reported (RFC 8460 §4) next to what the audit predicts, per domain
 * and mail host, in the words the CLI summary and the app use, with a bar chart of the mail hosts per
 * comparison class and the failed sessions per result type. Only drawn when reports exist for the run's
 * domains. Report text (addresses, organisation names) comes from strangers: it is drawn as text, never
 * interpreted (pdfSafe in document.ts).
 */
import type { Correlation, CorrelationClass } from '../../../shared/tlsrpt';
import { CORRELATION_LABEL, CORRELATION_MEANING, CORRELATION_ORDER } from '../../../shared/tlsrpt-words';
import { barChart } from './chart';
import { SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';

export const TLSRPT_ANCHOR = 'tlsrpt';

/** The classes' colours, as in the app (renderer/styles.css, .corr-*). */
const COLOUR: Record<CorrelationClass, string> = {
  agrees: 'B91C1C', 'observed-not-predicted': '7C2D12', 'predicted-not-observed': 'D97706', healthy: '15803D', 'no-reports': '94A3B8',
};

const n = (x: number) => x.toLocaleString('en-US');

export function drawTlsRpt(pdf: ReportPdf, c: Correlation): void {
  const withReports = c.domains.filter((d) => d.reports > 0);
  pdf.section("Senders' reports (TLS-RPT)", TLSRPT_ANCHOR);
  const ok = withReports.reduce((s, d) => s + d.successfulSessions, 0);
  const failed = withReports.reduce((s, d) => s + d.failedSessions, 0);
  pdf.paragraph(`Sending mail servers that support TLS reporting (RFC 8460) send each domain a daily report of the sessions they succeeded and failed to secure. `
    + `Reports dated ${c.from.slice(0, 10)} to ${c.to.slice(0, 10)} cover ${withReports.length} of the audited domains: ${n(ok)} successful sessions and ${n(failed)} failed. `
    + 'Below, each mail host is put next to what this audit predicts for it, so a finding can be checked against real mail.');

  const counts = new Map<CorrelationClass, number>();
  for (const d of withReports) for (const r of d.rows) counts.set(r.class, (counts.get(r.class) ?? 0) + 1);
  const shown = CORRELATION_ORDER.filter((k) => k !== 'no-reports');
  barChart(pdf, 'Mail hosts per comparison', shown.map((k) => ({ label: CORRELATION_LABEL[k], value: counts.get(k) ?? 0, colour: COLOUR[k] })));
  pdf.keyValues(shown.map((k) => [CORRELATION_LABEL[k], CORRELATION_MEANING[k]]), 90, SIZE.small + 0.5);

  const byType = new Map<string, number>();
  for (const d of withReports) for (const r of d.rows) for (const o of r.observed) byType.set(o.resultType, (byType.get(o.resultType) ?? 0) + o.sessions);
  if (byType.size > 0) {
    pdf.heading('Failed sessions by result type', 3);
    const types = new PdfTable(pdf, [{ header: 'Result type (as senders report it)', share: 0.7, role: 'mono' }, { header: 'Failed sessions', share: 0.3, align: 'right' }]);
    for (const [type, sessions] of [...byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) types.row({ cells: [type, n(sessions)] });
    types.end();
  }

  pdf.heading('Per domain and mail host', 2);
  const table = new PdfTable(pdf, [
    { header: 'Domain', share: 0.21 }, { header: 'Mail host', share: 0.21 }, { header: 'Comparison', share: 0.13 }, { header: 'What it means', share: 0.45 },
  ]);
  for (const d of withReports) {
    for (const r of d.rows) {
      table.row({ cells: [d.domain, r.mx ?? 'the policy', CORRELATION_LABEL[r.class], r.text], fills: [undefined, undefined, r.class === 'agrees' || r.class === 'observed-not-predicted' ? 'FDE2E2' : undefined], roles: [undefined, r.mx ? undefined : 'regular'] });
    }
  }
  table.end();
  if (c.outside.length > 0) {
    pdf.heading('Reports for domains not in this audit', 3);
    pdf.paragraph(c.outside.map((o) => `${o.domain}: ${n(o.reports)} report(s), ${n(o.successfulSessions)} ok, ${n(o.failedSessions)} failed`).join('; '), { size: SIZE.small + 0.5 });
  }
}
