/**
 * The re-judge hook sees every recorded domain exactly as exported: evidence.json is read in chunks, and text
 * whose characters straddle a chunk boundary (every entry here carries multi-byte tags) must reach the hook
 * intact, in import order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBundleFrom } from '../../../electron/io/bundle/write-bundle';
import { verifyBundle, type RecordedDomain } from '../../../electron/io/bundle/verify';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, hostileResult, makeRun } from '../export/fixtures';
import { testSigningKey } from '../export/helpers';

const items = [...estate(400).map((item, i) => ({ ...item, tags: { Owner: `Zoë ✓ ${'東京'.repeat(1000 + (i % 7))}` } })), { result: hostileResult('hostile.example.org'), tags: { Owner: '@SUM(A1)' } }];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-evidence-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('verify reading evidence.json', () => {
  it('hands every recorded domain to the re-judge step intact, and reports what it says', async () => {
    const file = path.join(dir, 'bundle.zip');
    await writeBundleFrom(memorySource({ run: makeRun({ total: items.length }), items }), file, { signingKey: testSigningKey(), summaryOnly: true });
    const seen: RecordedDomain[] = [];
    const report = await verifyBundle(file, {
      rejudge: (r) => {
        seen.push(r);
        return r.index === 3 ? [{ domain: r.domain, field: 'outcome', recorded: 'protected', recomputed: 'exposed' }] : [];
      },
    });
    expect(seen).toHaveLength(items.length);
    seen.forEach((r, i) => {
      expect(r.index).toBe(i + 1);
      expect(r.tags).toEqual(items[i]!.tags);
      expect(r.result).toEqual(JSON.parse(JSON.stringify(items[i]!.result)));
    });
    expect(report.evidence).toEqual({ schemaVersion: 2, domains: items.length });
    expect(report.rejudged).toEqual({ domains: items.length, differences: [{ domain: items[2]!.result.domain, field: 'outcome', recorded: 'protected', recomputed: 'exposed' }] });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([`1 domain(s) judged differently from their recorded evidence: ${items[2]!.result.domain}`]);
  }, 120_000);
});
