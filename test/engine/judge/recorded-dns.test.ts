/**
 * Replaying checks from recorded answers (evidence/asking.ts, evidence/recorded-dns.ts): each check takes the
 * answers recorded for it, in the order the checks were recorded, and a missing answer is named.
 */
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, DnsRecordType } from '../../../shared/types';
import { replayAnswers } from '../../../electron/engine/evidence/asking';
import { EvidenceGap, RecordedDns } from '../../../electron/engine/evidence/recorded-dns';
import { stsRecordPlan } from '../../../electron/engine/checks/sts-record';
import { tlsRptPlan } from '../../../electron/engine/checks/tls-rpt';

function txt(name: string, ...texts: string[]): DnsAnswer {
  return answer(name, 'TXT', texts.length > 0 ? 'ok' : 'nodata', texts.map((t) => ({ name, ttl: 300, type: 'TXT' as const, strings: [t] })));
}

function answer(name: string, type: DnsRecordType, outcome: DnsAnswer['outcome'], records: DnsAnswer['records'] = []): DnsAnswer {
  return { name, type, outcome, authenticated: false, records, cnames: [], server: 'recorded', elapsedMs: 1, attempts: 1 };
}

const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();

describe('recorded answers', () => {
  it('give each check the answer recorded for it when two checks asked the same question', () => {
    // The apex TXT was asked by the MTA-STS hints, then by the TLS-RPT hints; the two answers differ (the first
    // was cached, the second asked again after a time-out in between, say).
    const recorded = new RecordedDns([
      txt('_mta-sts.d.test'), txt('d.test', 'v=STSv1; id=1'), txt('mta-sts.d.test'),
      txt('_smtp._tls.d.test'), txt('d.test', 'v=TLSRPTv1; rua=mailto:r@d.test'), txt('_smtp-tlsrpt.d.test'),
    ]);
    const sts = replayAnswers(stsRecordPlan('d.test'), recorded);
    const rpt = replayAnswers(tlsRptPlan('d.test'), recorded);
    expect(codes(sts.findings)).toEqual(['MTASTS_DNS_RECORD_AT_APEX', 'MTASTS_DNS_RECORD_MISSING']);
    expect(codes(rpt.findings)).toEqual(['TLSRPT_RECORD_MISSING', 'TLSRPT_WRONG_LOCATION']);
    expect(recorded.untaken()).toBe(0);
  });

  it('name the answer a check needs and the record lacks', () => {
    const recorded = new RecordedDns([txt('_mta-sts.d.test'), txt('d.test')]);
    expect(() => replayAnswers(stsRecordPlan('d.test'), recorded)).toThrow(EvidenceGap);
    expect(() => replayAnswers(stsRecordPlan('d.test'), new RecordedDns([txt('_mta-sts.d.test'), txt('d.test')]))).toThrow('the recorded evidence has no answer to the TXT query for mta-sts.d.test');
  });

  it('count the answers no check asked for', () => {
    const recorded = new RecordedDns([txt('_mta-sts.d.test', 'v=STSv1; id=1'), txt('extra.d.test')]);
    expect(replayAnswers(stsRecordPlan('d.test'), recorded).parse.valid).toBe(true);
    expect(recorded.untaken()).toBe(1);
  });
});
