/**
 * The correlation as a pure function: hand-built results and observed policies, each class and each cause
 * of an unpredicted failure, and how result types map to finding codes (CHECKS.md §1.11).
 */
import { describe, expect, it } from 'vitest';
import type { DomainResult, MxHostResult } from '../../shared/types';
import type { ObservedPolicy } from '../../electron/store/tlsrpt-reports';
import { correlate } from '../../electron/engine/tlsrpt/correlate';
import { codesOf, resultTypesOf } from '../../electron/engine/tlsrpt/result-types';
import { makeResult } from '../store/fixtures/domain-results';

const host = (name: string, addresses: string[], deliverable?: boolean): MxHostResult => ({ host: name, preference: 10, addresses, probes: [], ...(deliverable === undefined ? {} : { deliverable }) });
const result = (domain: string, mx: MxHostResult[], findings: DomainResult['findings'] = []): DomainResult => ({ ...makeResult(domain, { posture: 'enforce' }), mx, findings });
const policy = (domain: string, failures: ObservedPolicy['failures'], o: Partial<ObservedPolicy> = {}): ObservedPolicy => ({
  organization: 'S', start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T23:59:59.000Z', type: 'sts', domain, mxHosts: [], successful: 100,
  failed: failures.reduce((s, f) => s + f.sessions, 0), failures, ...o,
});
const fail = (resultType: string, receivingMx: string | null, sessions: number, sendingMtaIp = '192.0.2.1', receivingIp: string | null = null) => ({ resultType, receivingMx, sessions, sendingMtaIp, receivingIp });
const PERIOD = { from: '2026-11-05T00:00:00.000Z', to: '2026-12-05T00:00:00.000Z' };

describe('correlate', () => {
  it('agrees when an undeliverable MX has failures, even of another type than predicted (reporters choose the type)', () => {
    const r = result('a.example', [host('mx1.a.example', ['192.0.2.10']), host('mx2.a.example', ['192.0.2.20'], false)],
      [{ code: 'STARTTLS_CERT_EXPIRED', severity: 'high', message: 'x', subject: 'mx2.a.example' }, { code: 'MTASTS_MX_UNDELIVERABLE', severity: 'critical', message: 'y', subject: 'mx2.a.example' }]);
    const c = correlate([r], [policy('a.example', [fail('certificate-not-trusted', 'mx2.a.example', 7), fail('certificate-expired', 'mx2.a.example', 5, '192.0.2.2')])], PERIOD);
    const rows = c.domains[0]!.rows;
    expect(rows.map((x) => [x.mx, x.class])).toEqual([['mx1.a.example', 'healthy'], ['mx2.a.example', 'agrees']]);
    expect(rows[1]!.predicted).toEqual([{ code: 'STARTTLS_CERT_EXPIRED', resultTypes: ['certificate-expired'] }]);
    expect(rows[1]!.observed.map((o) => [o.resultType, o.sessions, o.senders])).toEqual([['certificate-not-trusted', 7, ['192.0.2.1']], ['certificate-expired', 5, ['192.0.2.2']]]);
    expect(c.domains[0]).toMatchObject({ reports: 1, successfulSessions: 100, failedSessions: 12 });
  });

  it('puts policy-level failures (and failures naming no MX) on the domain row', () => {
    const r = result('b.example', [host('mx.b.example', ['192.0.2.30'])]);
    const c = correlate([r], [policy('b.example', [fail('sts-policy-invalid', 'mx.b.example', 4), fail('starttls-not-supported', null, 2)])], PERIOD);
    const row = c.domains[0]!.rows[0]!;
    expect(row).toMatchObject({ mx: null, class: 'observed-not-predicted' });
    expect(row.observed.map((o) => o.resultType)).toEqual(['sts-policy-invalid', 'starttls-not-supported']);
    expect(c.domains[0]!.rows[1]).toMatchObject({ mx: 'mx.b.example', class: 'healthy' });
  });

  it('counts reports over the period and keeps the times of unpredicted failures', () => {
    const r = result('c.example', [host('mx.c.example', ['192.0.2.40'])]);
    const c = correlate([r], [
      policy('c.example', [fail('validation-failure', 'mx.c.example', 1, '192.0.2.9', '192.0.2.40')]),
      policy('c.example', [fail('validation-failure', 'mx.c.example', 2, '192.0.2.9', '192.0.2.40')], { start: '2026-12-03T00:00:00.000Z', end: '2026-12-03T23:59:59.000Z' }),
    ], PERIOD);
    const row = c.domains[0]!.rows[0]!;
    expect(row.observed[0]).toMatchObject({ sessions: 3, first: '2026-12-01T00:00:00.000Z', last: '2026-12-03T23:59:59.000Z' });
    expect(row.text).toBe('mx.c.example: not predicted — 3 failed sessions of validation-failure from 1 sender (192.0.2.9) between 2026-12-01 and 2026-12-03 (a transient fault, or an attack in the path)');
    expect(c.domains[0]!.reports).toBe(2);
  });

  it('maps result types to codes both ways as CHECKS.md §1.11 lists them', () => {
    expect(resultTypesOf('DANE_TLSA_NO_MATCH')).toEqual(['validation-failure', 'tlsa-invalid']);
    expect(resultTypesOf('MTASTS_MX_NOT_COVERED')).toEqual(['certificate-host-mismatch']);
    expect(resultTypesOf('TLSRPT_VALID')).toEqual([]);
    expect(codesOf('sts-policy-invalid')).toContain('MTASTS_HTTPS_CONTENT_TYPE_INVALID');
    expect(codesOf('sts-policy-invalid').length).toBeGreaterThan(3);
    expect(codesOf('sts-policy-fetch-error')).toContain('MTASTS_HTTPS_TIMEOUT');
    expect(codesOf('dane-required')).toEqual([]);
  });
});
