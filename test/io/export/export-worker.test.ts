/**
 * Exports as the app and the CLI do them (electron/io/export/run-export.ts): in a worker thread with a bounded
 * heap, reading the SQLite file through its own connection. The files are read back as a client would and
 * compared with the same export done in this thread; an export that outgrows its heap is done again, and a
 * worker that cannot start leaves the export to this thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExport } from '../../../electron/io/export/run-export';
import { writeWorkbook } from '../../../electron/io/workbook';
import { openDatabase } from '../../../electron/store/db';
import { storeRun, saveSome } from './stored-run';
import { estate } from './fixtures';
import { pdfText, readWorkbook, run, sheetRows, testSigningKey } from './helpers';

let dir: string;
let db: Database.Database;

const items = estate(30);
let runId: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-worker-'));
  db = openDatabase(path.join(dir, 'audits.sqlite'));
  runId = storeRun(db, items, 'Q1 estate review');
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exports in a worker thread', () => {
  it('writes the same workbook as this thread, with a bounded heap', async () => {
    const inWorker = path.join(dir, 'worker.xlsx');
    const here = path.join(dir, 'here.xlsx');
    const report = await writeExport(db, { kind: 'workbook', runId, auditor: 'Jane Auditor' }, inWorker, { heapBudgetMb: 160 });
    expect(report).toEqual({ where: 'worker', heapMb: 160, retried: false });
    await writeWorkbook(db, runId, here, { preparedBy: 'Jane Auditor' });
    const [a, b] = [await readWorkbook(inWorker), await readWorkbook(here)];
    // Not Actions: the new policy id it proposes is the export's time, to the second.
    for (const sheet of ['Domains', 'Findings', 'Evidence']) expect(sheetRows(a, sheet)).toEqual(sheetRows(b, sheet));
    expect(sheetRows(a, 'Actions').length).toBe(sheetRows(b, 'Actions').length);
    expect(sheetRows(a, 'Domains')).toHaveLength(items.length + 1);
    expect(a.creator).toBe('Jane Auditor');
  });

  it('writes the PDF and a bundle whose manifest checks', async () => {
    const pdf = path.join(dir, 'pack.pdf');
    expect((await writeExport(db, { kind: 'pdf', runId, summaryOnly: false, auditor: 'Jane Auditor' }, pdf)).where).toBe('worker');
    const text = pdfText(pdf);
    expect(text).toContain('Example Holdings plc');
    expect(text).toContain(`Domain ${items.length} of ${items.length}`);
    const bundle = path.join(dir, 'bundle.zip');
    expect((await writeExport(db, { kind: 'bundle', runId, signingKey: testSigningKey() }, bundle)).where).toBe('worker');
    const out = fs.mkdtempSync(path.join(dir, 'unzip-'));
    run('unzip', ['-q', bundle, '-d', out]);
    run('sha256sum', ['-c', 'manifest.sha256'], { cwd: out });
    expect(JSON.parse(fs.readFileSync(path.join(out, 'evidence.json'), 'utf8')).domains).toHaveLength(items.length);
  });

  it("passes the export's own error on, and leaves nothing at the target", async () => {
    const target = path.join(dir, 'none.xlsx');
    await expect(writeExport(db, { kind: 'workbook', runId: 99 }, target)).rejects.toThrow(/no run with id 99/);
    expect(fs.readdirSync(dir).filter((f) => f.includes('none.xlsx'))).toEqual([]);
  });

  it('reads one snapshot for every part of a bundle while the run is still being saved', async () => {
    const growing = estate(40, 'g');
    const id = storeRun(db, growing, 'growing', 10);
    const file = path.join(dir, 'growing.zip');
    const exporting = writeExport(db, { kind: 'bundle', runId: id, signingKey: testSigningKey() }, file);
    // The app keeps saving on its own connection meanwhile: neither side may fail or block.
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 5));
      saveSome(db, id, growing, 1);
    }
    await exporting;
    const out = fs.mkdtempSync(path.join(dir, 'unzip-'));
    run('unzip', ['-q', file, '-d', out]);
    run('sha256sum', ['-c', 'manifest.sha256'], { cwd: out });
    // The worker's snapshot is taken when it opens the run: some of the saves may be in it, but every part
    // of the bundle holds the same ones.
    const seen = JSON.parse(fs.readFileSync(path.join(out, 'evidence.json'), 'utf8')).domains.length as number;
    expect(seen).toBeGreaterThanOrEqual(10);
    expect(pdfText(path.join(out, 'evidence-pack.pdf'))).toContain(`${seen} domain entries`);
    expect(sheetRows(await readWorkbook(path.join(out, 'workbook.xlsx')), 'Domains')).toHaveLength(seen + 1);
  });
});

describe('when a worker runs out of heap or cannot start', () => {
  async function domainRows(file: string): Promise<number> {
    return sheetRows(await readWorkbook(file), 'Domains').length - 1;
  }

  it('does an export that outgrows its heap again without the bound, and the file is whole', async () => {
    // 16 MB starts the worker but cannot hold the writers' modules (they take over 30 MB).
    const file = path.join(dir, 'retried.xlsx');
    const report = await writeExport(db, { kind: 'workbook', runId }, file, { heapBudgetMb: 16 });
    expect(report).toEqual({ where: 'worker', retried: true });
    expect(await domainRows(file)).toBe(items.length);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does the export in this thread when the worker cannot start', async () => {
    const file = path.join(dir, 'here.xlsx');
    const report = await writeExport(db, { kind: 'workbook', runId }, file, { workerScript: new URL('./no-such-worker.js', import.meta.url) });
    expect(report).toEqual({ where: 'this thread', retried: false });
    expect(await domainRows(file)).toBe(items.length);
  });
});
