/** Stored TLS-RPT reports in a real SQLite file: stored once per organisation and report-id, read back by period. */
import { afterEach, describe, expect, it } from 'vitest';
import { observedPolicies, reportCount, saveReports } from '../../electron/store/tlsrpt-reports';
import type { TlsRptReport } from '../../electron/io/tlsrpt/schema';
import { tempStore, type TempStore } from './helpers';

let store: TempStore | undefined;
afterEach(() => store?.cleanup());

const report = (organization: string, reportId: string, day: string): TlsRptReport => ({
  organization, reportId, start: `${day}T00:00:00.000Z`, end: `${day}T23:59:59.000Z`,
  policies: [{ type: 'sts', domain: 'a.example', strings: ['mode: enforce'], mxHosts: ['mx.a.example'], successful: 9, failed: 1,
    failures: [{ resultType: 'certificate-expired', sendingMtaIp: '192.0.2.1', receivingMx: 'mx.a.example', receivingIp: '192.0.2.9', sessions: 1, failureReasonCode: 'X509_V_ERR' }] }],
});

describe('tlsrpt reports store', () => {
  it('stores a report seen twice once, and the same id from another organisation apart', () => {
    store = tempStore();
    const first = saveReports(store.db, [{ report: report('A', 'r1', '2026-12-01'), source: 'a.json' }, { report: report('A', 'r1', '2026-12-01'), source: 'copy.json' }]);
    expect(first).toEqual({ added: 1, duplicates: 1 });
    expect(saveReports(store.db, [{ report: report('B', 'r1', '2026-12-01'), source: 'b.json' }, { report: report('A', 'r1', '2026-12-01'), source: 'again' }])).toEqual({ added: 1, duplicates: 1 });
    expect(reportCount(store.db)).toBe(2);
    expect(store.db.prepare('SELECT count(*) FROM tlsrpt_failures').pluck().get()).toBe(2);
  });

  it('reads back the reports overlapping a period, with their failures', () => {
    store = tempStore();
    saveReports(store.db, [{ report: report('A', 'r1', '2026-11-01'), source: 's' }, { report: report('A', 'r2', '2026-12-01'), source: 's' }]);
    const got = observedPolicies(store.db, '2026-11-15T00:00:00.000Z', '2026-12-05T00:00:00.000Z');
    expect(got).toEqual([{ organization: 'A', start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T23:59:59.000Z', type: 'sts', domain: 'a.example', mxHosts: ['mx.a.example'], successful: 9, failed: 1,
      failures: [{ resultType: 'certificate-expired', sendingMtaIp: '192.0.2.1', receivingMx: 'mx.a.example', receivingIp: '192.0.2.9', sessions: 1 }] }]);
    // A report ending exactly at the period's start is outside it; one starting exactly at its end is inside.
    expect(observedPolicies(store.db, '2026-12-01T23:59:59.000Z', '2026-12-02T00:00:00.000Z')).toEqual([]);
    expect(observedPolicies(store.db, '2026-11-20T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toHaveLength(1);
  });
});
