/** The per-day trend and the result-type counts behind the app's chart and the PDF (electron/engine/tlsrpt/trend.ts). */
import { describe, expect, it } from 'vitest';
import type { ObservedPolicy } from '../../shared/tlsrpt';
import { dailyTrend, reportPeriod, sessionsByResultType } from '../../electron/engine/tlsrpt/trend';

const policy = (start: string, successful: number, failures: [string, number][]): ObservedPolicy => ({
  organization: 'o', start, end: start.replace('T00:00:00', 'T23:59:59'), type: 'sts', domain: 'a.test', mxHosts: [], successful,
  failed: failures.reduce((s, [, n]) => s + n, 0), failures: failures.map(([resultType, sessions]) => ({ resultType, sessions, sendingMtaIp: null, receivingMx: null, receivingIp: null })),
});

describe('dailyTrend', () => {
  const period = reportPeriod(3, new Date('2026-12-05T12:00:00Z'));

  it('lists every UTC day of the period, oldest first, empty days as zero', () => {
    expect(period).toEqual({ from: '2026-12-02T12:00:00.000Z', to: '2026-12-05T12:00:00.000Z', days: 3 });
    expect(dailyTrend([], period).map((d) => d.day)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(dailyTrend([], period).every((d) => d.successful === 0 && d.failed === 0)).toBe(true);
  });

  it('counts a report on the day it starts; one begun before the period on its first day', () => {
    const days = dailyTrend([
      policy('2026-12-04T00:00:00Z', 10, [['certificate-expired', 3]]),
      policy('2026-12-04T00:00:00Z', 5, []),
      policy('2026-12-01T00:00:00Z', 7, [['starttls-not-supported', 2]]),
    ], period);
    expect(days).toEqual([
      { day: '2026-12-02', successful: 7, failed: 2 }, { day: '2026-12-03', successful: 0, failed: 0 },
      { day: '2026-12-04', successful: 15, failed: 3 }, { day: '2026-12-05', successful: 0, failed: 0 },
    ]);
  });
});

describe('sessionsByResultType', () => {
  it('sums failed sessions per result type, most first, ties by name', () => {
    expect(sessionsByResultType([
      policy('2026-12-04T00:00:00Z', 0, [['validation-failure', 4], ['certificate-expired', 9]]),
      policy('2026-12-03T00:00:00Z', 0, [['certificate-expired', 1], ['dnssec-invalid', 4]]),
    ])).toEqual([{ resultType: 'certificate-expired', sessions: 10 }, { resultType: 'dnssec-invalid', sessions: 4 }, { resultType: 'validation-failure', sessions: 4 }]);
  });
});
