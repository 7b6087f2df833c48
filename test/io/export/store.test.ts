/**
 * The exporters' real entry points (db, runId, path) over a SQLite file written by the store: the same
 * content as from memory, the comparison identical to compareRuns, and a consistent snapshot while the
 * run is still being written on the main connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { writeBundle } from '../../../electron/io/bundle/write-bundle';
import { writeEvidencePdf } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import { openStoreSource } from '../../../electron/io/report/store-source';
import { writeWorkbook } from '../../../electron/io/workbook';
import { compareRuns } from '../../../electron/store/comparisons';
import { openDatabase } from '../../../electron/store/db';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import { storeRun, saveSome } from './stored-run';
import { estate, hostileResult, makeResult } from './fixtures';
import { outPath, pdfText, readWorkbook, run, sheetRows, testSigningKey } from './helpers';

let dir: string;
let db: Database.Database;

const current = [...estate(30), { result: hostileResult('hostile.example.org'), tags: { 'Business unit': '=1+1' } }];
const earlier = estate(30).map((item, i) => (i === 3 ? { ...item, result: makeResult(item.result.domain, { posture: 'enforce' }) } : item));
let previousId: number;
let currentId: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-store-'));
  db = openDatabase(path.join(dir, 'audits.sqlite'));
  previousId = storeRun(db, earlier, 'Q4 review');
  currentId = storeRun(db, current, 'Q1 estate review');
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exports from the store', () => {
  it('compares with the previous run as compareRuns does, from the store and from memory alike', () => {
    const source = openStoreSource(db, currentId);
    try {
      expect(source.previous?.run.id).toBe(previousId);
      const stored = [...source.previous!.comparisons()];
      expect(stored).toEqual([...compareRuns(db, previousId, currentId)]);
      const memory = memorySource({ run: source.run, items: current }, { run: source.previous!.run, items: earlier });
      expect([...memory.previous!.comparisons()]).toEqual(stored);
    } finally {
      source.close();
    }
  });

  it('writes the workbook of a stored run', async () => {
    const file = outPath('store-workbook.xlsx');
    await writeWorkbook(db, currentId, file);
    const wb = await readWorkbook(file);
    const domains = sheetRows(wb, 'Domains');
    expect(domains).toHaveLength(current.length + 1);
    expect(domains[0]!.slice(0, 4)).toEqual(['Domain', 'Input', 'Business unit', 'Owner']);
    expect(domains.at(-1)![2]).toBe('=1+1'); // as the client wrote it, in an inert string cell
    const changes = sheetRows(wb, 'Changes');
    expect(changes.some((r) => r[0] === 'd00003.example.com' && r[6] === 'posture worsened')).toBe(true);
    const mx = sheetRows(wb, 'MX hosts');
    expect(mx.slice(1).map((r) => `${r[0]} ${r[1]}`).sort()).toEqual(['mx1.mail.example.net 198.51.100.10', 'mx1.mail.example.net 2001:db8::10', 'mx2.mail.example.net 198.51.100.10', 'mx2.mail.example.net 2001:db8::10']);
  });

  it('writes the PDF of a stored run', async () => {
    const file = outPath('store-evidence.pdf');
    await writeEvidencePdf(db, currentId, file, { summaryOnly: false, auditor: 'Jane Auditor' });
    const text = pdfText(file);
    expect(text).toContain(`Run ${currentId}`);
    expect(text).toContain(`Domain ${current.length} of ${current.length}`);
    expect(text).toContain('Compared with run 1 ("Q4 review"');
  });

  it('writes a bundle from a consistent snapshot while the run is still being saved', async () => {
    const growing = estate(40, 'g');
    const id = storeRun(db, growing, 'growing', 10);
    const file = outPath('store-bundle.zip');
    const exporting = writeBundle(db, id, file, { auditor: 'Jane Auditor', signingKey: testSigningKey() });
    // The app keeps saving on its own connection meanwhile: neither side may fail or block.
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setImmediate(r));
      saveSome(db, id, growing, 1);
    }
    await exporting;
    expect(pendingDomains(db, id)).toHaveLength(0);
    const out = fs.mkdtempSync(path.join(dir, 'unzip-'));
    run('unzip', ['-q', file, '-d', out]);
    run('sha256sum', ['-c', 'manifest.sha256'], { cwd: out });
    const json = JSON.parse(fs.readFileSync(path.join(out, 'evidence.json'), 'utf8'));
    const pdf = pdfText(path.join(out, 'evidence-pack.pdf'));
    const workbook = sheetRows(await readWorkbook(path.join(out, 'workbook.xlsx')), 'Domains');
    // The snapshot is taken when the export opens the run, before any of the later saves.
    const seen = json.domains.length;
    expect(seen).toBe(10);
    expect(pdf).toContain(`${seen} domain entries`);
    expect(workbook).toHaveLength(seen + 1);
  });

  it('exports an in-memory database and refuses an unknown run', async () => {
    const mem = openDatabase(':memory:');
    try {
      const info = createRun(mem, { name: 'mem', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'system resolvers', domains: [{ input: 'a.example', domain: 'a.example', tags: {} }] });
      saveResult(mem, info.id, pendingDomains(mem, info.id)[0]!.runDomainId, makeResult('a.example'));
      const file = outPath('memory.xlsx');
      await writeWorkbook(mem, info.id, file);
      expect(sheetRows(await readWorkbook(file), 'Domains')[1]![0]).toBe('a.example');
      await expect(writeWorkbook(mem, 99, outPath('none.xlsx'))).rejects.toThrow(/no run with id 99/);
    } finally {
      mem.close();
    }
  });
});
