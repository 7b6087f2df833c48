/**
 * Reported sessions over time and by result type: the figures behind the app's trend chart, the workbook's
 * counts and the PDF's bar chart. Pure: the period's policies in, plain numbers out.
 */
import type { ObservedPolicy, ReportPeriod, ResultTypeCount, TrendDay } from '../../../shared/tlsrpt';

const DAY_MS = 86_400_000;

/** The period shown unless asked otherwise (issue 16: the last 30 days), in the app and the exports. */
export const DEFAULT_REPORT_DAYS = 30;
const dayOf = (iso: string) => iso.slice(0, 10);

/** The period of `days` days ending at `now`; the store reads reports overlapping [from, to). */
export function reportPeriod(days: number, now: Date = new Date()): ReportPeriod {
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString(), days };
}

/**
 * One entry per UTC day of the period, oldest first, days without a report included (as zero), so a chart's
 * gaps are real. A report's sessions count on the day its range starts (RFC 8460 §4.4 recommends one report
 * per UTC day); a report that began before the period counts on its first day.
 */
export function dailyTrend(policies: readonly ObservedPolicy[], period: Pick<ReportPeriod, 'from' | 'to'>): TrendDay[] {
  const first = Date.parse(`${dayOf(period.from)}T00:00:00Z`);
  const last = Date.parse(`${dayOf(period.to)}T00:00:00Z`);
  const days: TrendDay[] = [];
  for (let t = first; t <= last; t += DAY_MS) days.push({ day: new Date(t).toISOString().slice(0, 10), successful: 0, failed: 0 });
  const index = new Map(days.map((d, i) => [d.day, i]));
  for (const p of policies) {
    const day = days[index.get(dayOf(p.start)) ?? (dayOf(p.start) < days[0]!.day ? 0 : days.length - 1)]!;
    day.successful += p.successful;
    day.failed += p.failed;
  }
  return days;
}

/** Failed sessions per result type, most first (ties by name). */
export function sessionsByResultType(policies: readonly ObservedPolicy[]): ResultTypeCount[] {
  const sums = new Map<string, number>();
  for (const p of policies) for (const f of p.failures) sums.set(f.resultType, (sums.get(f.resultType) ?? 0) + f.sessions);
  return [...sums].map(([resultType, sessions]) => ({ resultType, sessions })).sort((a, b) => b.sessions - a.sessions || (a.resultType < b.resultType ? -1 : 1));
}
