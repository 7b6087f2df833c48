/**
 * The Domains sheet links each domain to its Evidence rows by counting them (evidenceRowCount) rather than
 * building them; the count must equal what the Evidence sheet writes for every shape of result: with and
 * without a policy fetch, a body, a certificate, an MTA-STS record, TLSA answers, MX hosts or evidence at all.
 */
import { describe, expect, it } from 'vitest';
import type { DomainResult } from '../../../shared/types';
import { evidenceRowCount, evidenceRows } from '../../../electron/io/report/xlsx/evidence-sheet';
import { estate, hostileResult, makeResult } from './fixtures';

function shapes(): DomainResult[] {
  const base = makeResult('shapes.example', { posture: 'enforce' });
  const noFetch: DomainResult = { ...base, evidence: { ...base.evidence, policyFetch: undefined } };
  const bodyOnly: DomainResult = { ...noFetch, policy: base.policy };
  const nothing: DomainResult = { ...base, evidence: undefined as never, policy: undefined, stsRecord: undefined, mx: [] };
  const tlsaOnAll: DomainResult = {
    ...base,
    mx: base.mx.map((h) => ({ ...h, tlsa: { owner: `_25._tcp.${h.host}`, outcome: 'ok', authenticated: true, records: [] } as never })),
  };
  return [base, noFetch, bodyOnly, nothing, tlsaOnAll, hostileResult('hostile.example'),
    ...(['absent', 'testing', 'invalid', 'no-mail', 'error', 'none'] as const).map((p) => makeResult(`${p}.example`, { posture: p }))];
}

describe('evidenceRowCount', () => {
  it('equals the number of rows the Evidence sheet writes, for every shape of result', () => {
    const results = [...shapes(), ...estate(40).map((i) => i.result)];
    for (const r of results) expect(evidenceRowCount(r), r.domain).toBe(evidenceRows(r).length);
    // The shapes differ: a count that ignored the evidence would not pass.
    expect(new Set(results.map(evidenceRowCount)).size).toBeGreaterThan(3);
  });
});
