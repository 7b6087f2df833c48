/**
 * Results with every optional field absent, or carrying values a newer release might write (an unknown
 * finding code, an unknown posture), still export: the writers print what is there and never throw.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainResult, Finding } from '../../../shared/types';
import { writeBundleFrom } from '../../../electron/io/bundle/write-bundle';
import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import { writeWorkbookFrom } from '../../../electron/io/workbook';
import { makeRun } from './fixtures';
import { outPath, pdfText, readWorkbook, sheetRows, testSigningKey } from './helpers';

const bare = (over: Partial<DomainResult>): DomainResult => ({
  input: 'x', domain: 'x.example', posture: 'absent', mxKind: 'none', mx: [], findings: [], evidence: { dns: [] },
  startedAt: '2026-03-02T09:00:00Z', durationMs: 1, toolVersion: '0.1.0', ...over,
});

const results: DomainResult[] = [
  bare({ input: 'not a domain!', domain: '', posture: 'error', mxKind: 'error', findings: [{ code: 'AUDIT_DOMAIN_INVALID', severity: 'high', message: 'not a host name' }] }),
  bare({ domain: 'policy-only.example', posture: 'enforce', stsRecord: { text: 'v=STSv1; id=1;', valid: true }, policy: { mx: [], valid: true, mode: 'enforce' } }),
  bare({
    domain: 'timeout.example', posture: 'invalid',
    evidence: { dns: [{ name: 'timeout.example', type: 'MX', outcome: 'timeout', authenticated: false, records: [], cnames: [], server: '', elapsedMs: 3000, attempts: 3 }],
      policyFetch: { url: 'https://mta-sts.timeout.example/.well-known/mta-sts.txt', host: 'mta-sts.timeout.example', port: 443, addresses: [], outcome: 'timeout', bodyBytes: 0, truncated: false, timings: { totalMs: 60000 } } },
  }),
  bare({
    domain: 'probe-failed.example', posture: 'absent', mxKind: 'explicit', smtpNotTested: 'port 25 unreachable',
    mx: [{ host: 'mx.probe-failed.example', preference: 0, addresses: [], probes: [{ host: 'mx.probe-failed.example', address: '192.0.2.1', port: 25, outcome: 'connect-timeout', elapsedMs: 10000, startedAt: '' }],
      tlsa: { owner: '_25._tcp.mx.probe-failed.example', base: 'mx.probe-failed.example', outcome: 'nxdomain', authenticated: false, records: [] } }],
  }),
  bare({ input: `${'y'.repeat(10_000)}\u0000<script>`, domain: '', posture: 'error', mxKind: 'error' }),
  bare({ domain: 'future.example', posture: 'quantum' as DomainResult['posture'], findings: [{ code: 'FUTURE_CODE', severity: 'medium', message: 'from a newer release' } as unknown as Finding] }),
];
const items = results.map((result) => ({ result, tags: {} }));
const source = () => memorySource({ run: makeRun({ total: items.length, client: null, finishedAt: null, state: 'paused', settings: {} as never }), items });

describe('sparse results', () => {
  it('export to a workbook', async () => {
    const file = outPath('sparse.xlsx');
    await writeWorkbookFrom(source(), file);
    const wb = await readWorkbook(file);
    const domains = sheetRows(wb, 'Domains');
    expect(domains.map((r) => String(r[1]).slice(0, 13))).toEqual(['Input', 'not a domain!', 'x', 'x', 'x', 'yyyyyyyyyyyyy', 'x']);
    const findings = [...sheetRows(wb, 'Findings'), ...sheetRows(wb, 'Facts')];
    const future = findings.find((r) => r.includes('FUTURE_CODE'));
    expect(future?.[1] === 'unknown finding' || future?.[3] === 'unknown finding').toBe(true);
    expect(findings.find((r) => r.includes('AUDIT_DOMAIN_INVALID'))?.[0]).toBe('not a domain!');
    expect(sheetRows(wb, 'MX hosts')[1]?.[3]).toBe('connect-timeout');
  });

  it('export to a PDF, full and summary-only', async () => {
    const file = outPath('sparse.pdf');
    await writeEvidencePdfFrom(source(), file, { summaryOnly: false });
    const text = pdfText(file);
    for (const s of ['not a domain!', 'policy-only.example', 'timeout.example', 'connect-timeout', 'FUTURE_CODE', 'Client not recorded', 'not finished (state: paused)']) {
      expect(text.includes(s), s).toBe(true);
    }
    await writeEvidencePdfFrom(source(), outPath('sparse-summary.pdf'), { summaryOnly: true });
  });

  it('export to a bundle', async () => {
    const file = outPath('sparse.zip');
    await writeBundleFrom(source(), file, { signingKey: testSigningKey() });
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
  });
});

describe('an unwritable destination', () => {
  it('rejects each export with the file system error instead of crashing the process', async () => {
    const missing = path.join(outPath('.'), 'no-such-dir', 'out');
    await expect(writeWorkbookFrom(source(), `${missing}.xlsx`)).rejects.toThrow(/ENOENT/);
    await expect(writeEvidencePdfFrom(source(), `${missing}.pdf`, { summaryOnly: false })).rejects.toThrow(/ENOENT/);
    await expect(writeBundleFrom(source(), `${missing}.zip`, { signingKey: testSigningKey() })).rejects.toThrow(/ENOENT/);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });
});
