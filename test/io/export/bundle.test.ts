/**
 * The evidence bundle as an auditor checks it: unzip, `sha256sum -c manifest.sha256`, parse evidence.json and
 * compare its hash (and each domain's line hash) with the figures printed in the bundled PDF.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundleFrom } from '../../../electron/io/bundle';
import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, hostileResult, makeRun } from './fixtures';
import { outPath, pdfText, run } from './helpers';

const items = [...estate(25), { result: hostileResult('hostile.example.org'), tags: { Owner: '@SUM(A1)' } }];
const source = () => memorySource({ run: makeRun({ total: items.length }), items });
let dir: string;
let bundle: string;

beforeAll(async () => {
  bundle = outPath('bundle.zip');
  await writeBundleFrom(source(), bundle, { auditor: 'Jane Auditor' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
  run('unzip', ['-q', bundle, '-d', dir]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const printedEvidenceHash = (pdf: string) => pdfText(pdf).match(/Evidence JSON SHA-256\s+([0-9a-f]{64})/)![1];

describe('evidence bundle', () => {
  it('holds the PDF, the workbook, evidence.json and a manifest that sha256sum -c accepts', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(['evidence-pack.pdf', 'evidence.json', 'manifest.sha256', 'workbook.xlsx']);
    const manifest = fs.readFileSync(path.join(dir, 'manifest.sha256'), 'utf8');
    expect(manifest).toMatch(/^([0-9a-f]{64} {2}(evidence-pack\.pdf|workbook\.xlsx|evidence\.json)\n){3}$/);
    // execFileSync throws on a non-zero exit, so reaching the assertion means exit 0.
    expect(run('sha256sum', ['-c', 'manifest.sha256'], { cwd: dir })).toMatch(/evidence\.json: OK/);
  });

  it('has an evidence.json that parses, holds every result and hashes to the figure printed in the PDF', () => {
    const bytes = fs.readFileSync(path.join(dir, 'evidence.json'));
    const json = JSON.parse(bytes.toString('utf8'));
    expect(json.format).toBe('mta-sts-auditor/evidence');
    expect(json.run).toMatchObject({ id: 42, name: 'Q1 estate review', client: 'Example Holdings plc', resolver: '192.0.2.53' });
    expect(json.domains).toHaveLength(items.length);
    expect(json.domains[0].result).toEqual(items[0]!.result);
    expect(json.domains.at(-1).tags).toEqual({ Owner: '@SUM(A1)' });
    expect(printedEvidenceHash(path.join(dir, 'evidence-pack.pdf'))).toBe(sha256(bytes));
  });

  it('prints each domain hash as the SHA-256 of that domain line of evidence.json', () => {
    const lines = fs.readFileSync(path.join(dir, 'evidence.json'), 'utf8').split('\n');
    const text = pdfText(path.join(dir, 'evidence-pack.pdf'));
    const first = text.match(/Evidence SHA-256 \(entry 1 of evidence\.json\): ([0-9a-f]{64})/)![1];
    expect(first).toBe(sha256(lines[1]!.replace(/,$/, '')));
    const last = lines[items.length]!;
    expect(last.endsWith(',')).toBe(false);
    expect(text).toContain(sha256(last));
  });

  it('gives the same evidence hash in a PDF exported on its own', async () => {
    const pdf = outPath('standalone.pdf');
    await writeEvidencePdfFrom(source(), pdf, { summaryOnly: true });
    expect(printedEvidenceHash(pdf)).toBe(sha256(fs.readFileSync(path.join(dir, 'evidence.json'))));
  });
});
