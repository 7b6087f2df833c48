/**
 * A 2,000-domain run through the whole bundle (PDF with a section per domain with defects, workbook, evidence.json):
 * completes, verifies, and every domain is in every part. Timings at larger sizes: bench-export.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBundleFrom } from '../../../electron/io/bundle/write-bundle';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, makeRun } from './fixtures';
import { readWorkbook, run, sheetRows, testSigningKey } from './helpers';

const N = 2000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'large-export-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a 2,000-domain run', () => {
  it('exports a verifiable bundle with every domain in each part', async () => {
    const zip = path.join(dir, 'bundle.zip');
    await writeBundleFrom(memorySource({ run: makeRun({ total: N }), items: estate(N) }), zip, { auditor: 'Load Test', signingKey: testSigningKey() });
    run('unzip', ['-q', zip, '-d', dir]);
    run('sha256sum', ['-c', 'manifest.sha256'], { cwd: dir });
    const pages = Number(run('pdfinfo', [path.join(dir, 'evidence-pack.pdf')]).match(/Pages:\s+(\d+)/)![1]);
    // A large estate: sections only for domains with defects (half of this fixture), the rest in one table.
    expect(pages).toBeGreaterThan(N / 2);
    expect(pages).toBeLessThan(2 * N);
    const lastPage = run('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), path.join(dir, 'evidence-pack.pdf'), '-']);
    expect(lastPage).toMatch(new RegExp(`${N + 1}\\s+d0${N - 1}\\.example\\.com\\s+Protected\\s+\\d+\\s+[0-9a-f]{64}`));
    expect(lastPage).toContain(`Page ${pages} of ${pages}`);
    const wb = await readWorkbook(path.join(dir, 'workbook.xlsx'));
    expect(sheetRows(wb, 'Domains')).toHaveLength(N + 1);
    const evidence = fs.readFileSync(path.join(dir, 'evidence.json'), 'utf8');
    expect(evidence.split('\n')).toHaveLength(N + 3);
  }, 180_000);
});
