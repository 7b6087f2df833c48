/**
 * The TLS-RPT sheet: per domain and MX, the audit's prediction next to what senders reported (RFC 8460 §4)
 * over the period, the comparison class in the shared words, the counts, and the engine's sentence. Written
 * only when reports exist for the run's domains. Every cell is a value (cell.ts): report text such as a
 * sending MTA's address or an organisation name arrives from strangers and must stay inert.
 */
import type { Correlation, DomainCorrelation, MxCorrelation } from '../../../../shared/tlsrpt';
import { CORRELATION_LABEL } from '../../../../shared/tlsrpt-words';
import type { Book } from './book';
import { catalogueTitle } from '../../../store/tlsrpt-correlation';
import { SheetSeries, type TableRow } from './sheet-series';

export const TLSRPT_SHEET = 'TLS-RPT';

const COLUMNS = [
  { header: 'Domain', width: 30 }, { header: 'Mail host', width: 28 }, { header: 'Comparison', width: 14 },
  { header: 'The audit predicts', width: 40, wrap: true }, { header: 'Undeliverable for a strict sender', width: 12 },
  { header: 'Failed sessions reported', width: 12 }, { header: 'Result types reported', width: 30, wrap: true },
  { header: 'Sending MTAs', width: 28, wrap: true }, { header: 'Reported by', width: 24, wrap: true },
  { header: 'First report', width: 12 }, { header: 'Last report', width: 12 },
  { header: 'Reports (domain)', width: 10 }, { header: 'Successful sessions (domain)', width: 12 }, { header: 'Failed sessions (domain)', width: 12 },
  { header: 'What it means', width: 80, wrap: true },
];

const list = (xs: Iterable<string>) => [...new Set(xs)].sort().join(', ') || undefined;

function rowOf(d: DomainCorrelation, r: MxCorrelation): TableRow {
  const predicted = [...new Set(r.predicted.map((p) => catalogueTitle(p.code)))].join('; ');
  const first = r.observed.map((o) => o.first).sort()[0];
  const last = r.observed.map((o) => o.last).sort().at(-1);
  return {
    values: [
      d.domain, r.mx ?? 'the policy (whole domain)', CORRELATION_LABEL[r.class], predicted || undefined, r.undeliverable ? 'yes' : undefined,
      r.observed.reduce((s, o) => s + o.sessions, 0), r.observed.map((o) => `${o.resultType}: ${o.sessions}`).join('; ') || undefined,
      list(r.observed.flatMap((o) => o.senders)), list(r.observed.flatMap((o) => o.organizations)), first?.slice(0, 10), last?.slice(0, 10),
      d.reports, d.successfulSessions, d.failedSessions, r.text,
    ],
  };
}

/** True when the sheet has something to show: a report about one of the run's domains. */
export function hasReports(c: Correlation | undefined): c is Correlation {
  return !!c && c.domains.some((d) => d.reports > 0);
}

export async function writeTlsRptSheet(book: Book, c: Correlation | undefined): Promise<void> {
  if (!hasReports(c)) return;
  const sheet = new SheetSeries(book, TLSRPT_SHEET, COLUMNS, 2);
  for (const d of c.domains) {
    if (d.reports > 0) await sheet.addBlock(d.domain, d.rows.map((r) => rowOf(d, r)));
  }
  const period = `Reports dated ${c.from.slice(0, 10)} to ${c.to.slice(0, 10)}, next to this audit.`;
  await sheet.add('', [undefined, undefined, 'period', undefined, undefined, undefined, undefined, undefined, undefined, c.from.slice(0, 10), c.to.slice(0, 10), undefined, undefined, undefined, period]);
  for (const o of c.outside) {
    await sheet.add(o.domain, [o.domain, undefined, 'not in this audit', undefined, undefined, o.failedSessions, o.resultTypes.join('; ') || undefined, undefined, undefined, undefined, undefined,
      o.reports, o.successfulSessions, o.failedSessions, 'Senders reported on this domain, but it is not in this audit.']);
  }
  sheet.finish();
}
