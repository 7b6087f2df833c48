/**
 * The evidence bundle as an auditor checks it: unzip, `sha256sum -c manifest.sha256`, parse evidence.json and
 * compare its hash (and each domain's line hash) with the figures printed in the bundled PDF.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundleFrom } from '../../../electron/io/bundle/write-bundle';
import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, hostileResult, makeRun } from './fixtures';
import { outPath, pdfPages, pdfText, run, testSigningKey } from './helpers';

const items = [...estate(25), { result: hostileResult('hostile.example.org'), tags: { Owner: '@SUM(A1)' } }];
const source = () => memorySource({ run: makeRun({ total: items.length }), items });
let dir: string;
let bundle: string;

beforeAll(async () => {
  bundle = outPath('bundle.zip');
  await writeBundleFrom(source(), bundle, { auditor: 'Jane Auditor', signingKey: testSigningKey() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
  run('unzip', ['-q', bundle, '-d', dir]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const printedEvidenceHash = (pdf: string) => pdfText(pdf).match(/Evidence JSON SHA-256\s+([0-9a-f]{64})/)![1];

describe('evidence bundle', () => {
  it('holds the PDF, the workbook, evidence.json, its schema, the run description and a signed manifest that sha256sum -c accepts', () => {
    expect(fs.readdirSync(dir).sort()).toEqual([
      'README.txt', 'evidence-pack.pdf', 'evidence.json', 'manifest.sha256', 'manifest.sig', 'schema', 'settings.json',
      'signer-public-key.pem', 'signing.json', 'tool.json', 'workbook.xlsx',
    ]);
    const manifest = fs.readFileSync(path.join(dir, 'manifest.sha256'), 'utf8');
    const named = manifest.trimEnd().split('\n').map((line) => line.match(/^[0-9a-f]{64} {2}(\S+)$/)![1]).sort();
    expect(named).toEqual(['README.txt', 'evidence-pack.pdf', 'evidence.json', 'schema/evidence.schema.json', 'settings.json', 'signer-public-key.pem', 'signing.json', 'tool.json', 'workbook.xlsx']);
    // execFileSync throws on a non-zero exit, so reaching the assertion means exit 0.
    expect(run('sha256sum', ['--strict', '-c', 'manifest.sha256'], { cwd: dir })).toMatch(/evidence\.json: OK/);
  });

  it('signs the manifest so openssl alone can check it, and names the key and the time on the PDF cover', () => {
    expect(run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer-public-key.pem', '-rawin', '-in', 'manifest.sha256', '-sigfile', 'manifest.sig'], { cwd: dir })).toMatch(/Signature Verified Successfully/);
    const signing = JSON.parse(fs.readFileSync(path.join(dir, 'signing.json'), 'utf8'));
    expect(signing).toMatchObject({ algorithm: 'Ed25519', fingerprint: testSigningKey().fingerprint, publicKeyFile: 'signer-public-key.pem' });
    expect(signing.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The fingerprint as the README tells a reviewer to compute it: SHA-256 of the raw 32-byte key.
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', 'signer-public-key.pem', '-outform', 'DER'], { cwd: dir });
    expect(sha256(der.subarray(-32)).toUpperCase().match(/.{4}/g)!.join(' ')).toBe(signing.fingerprint);
    const cover = pdfPages(path.join(dir, 'evidence-pack.pdf'))[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain(signing.fingerprint);
    expect(cover).toContain(`${signing.signedAt.replace('T', ' ').replace('Z', '')} UTC`);
  });

  it('names the tool, its trust store and the settings, and describes evidence.json with a versioned schema', () => {
    const tool = JSON.parse(fs.readFileSync(path.join(dir, 'tool.json'), 'utf8'));
    expect(tool).toMatchObject({ name: 'mta-sts-auditor', node: process.versions.node, openssl: process.versions.openssl });
    expect(tool.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(tool.trustStore.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(tool.trustStore.systemRoots).toBeGreaterThan(50);
    const evidence = JSON.parse(fs.readFileSync(path.join(dir, 'evidence.json'), 'utf8'));
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schema', 'evidence.schema.json'), 'utf8'));
    expect(evidence.schemaVersion).toBe(schema.properties.schemaVersion.const);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual(evidence.run.settings);
    const readme = fs.readFileSync(path.join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain('input not kept');
    expect(readme).toContain('sha256sum -c manifest.sha256');
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
