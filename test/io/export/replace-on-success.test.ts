/**
 * An export never destroys the file it would replace: the workbook, the PDF and the bundle are written to a
 * temporary file beside the target and renamed over it only when complete. A failure part-way (the data
 * source failing, the disk filling up) leaves the previous file byte for byte, and no temporary file behind.
 * The exporters run for real over a SQLite file; only the full disk is simulated, by failing the writes of
 * file streams opened in the target's folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { writeBundle } from '../../../electron/io/bundle/write-bundle';
import { writeEvidencePdf, writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { openStoreSource } from '../../../electron/io/report/store-source';
import type { ReportSource } from '../../../electron/io/report/source';
import { writeWorkbook, writeWorkbookFrom } from '../../../electron/io/workbook';
import { openDatabase } from '../../../electron/store/db';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import { estate } from './fixtures';
import { readWorkbook, sheetRows, testSigningKey } from './helpers';

let dir: string;
let out: string;
let db: Database.Database;
let runId: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-replace-'));
  db = openDatabase(path.join(dir, 'audits.sqlite'));
  const items = estate(60);
  const info = createRun(db, {
    name: 'Q1 estate review', client: 'Example Holdings plc', source: 'estate.csv', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0',
    resolver: 'system resolvers', domains: items.map((i) => ({ input: i.result.input, domain: i.result.domain, tags: i.tags })),
  });
  for (const [i, d] of pendingDomains(db, info.id).entries()) saveResult(db, info.id, d.runDomainId, items[i]!.result);
  runId = info.id;
  out = path.join(dir, 'exports');
  fs.mkdirSync(out);
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A previous export at `name`, with content no new export produces. */
function previousFile(name: string): { file: string; bytes: Buffer } {
  const file = path.join(out, name);
  const bytes = Buffer.from(`last quarter's signed-off ${name}\n`);
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}

const leftovers = () => fs.readdirSync(out).filter((f) => f.endsWith('.tmp'));

/** The store's source of the run, failing part-way through its `failOnPass`-th pass over the results. */
function failingSource(failOnPass: number): ReportSource & { close(): void } {
  const source = openStoreSource(db, runId);
  let passes = 0;
  return {
    ...source,
    results: () => {
      const pass = ++passes;
      return (function* () {
        let n = 0;
        for (const item of source.results()) {
          if (pass === failOnPass && ++n > 20) throw new Error('the database went away');
          yield item;
        }
      })();
    },
  };
}

/** Simulates a full disk in `folder`: writes of file streams opened there fail after `after` bytes. */
function diskFullIn(folder: string, after = 16 * 1024): void {
  const real = fs.createWriteStream;
  vi.spyOn(fs, 'createWriteStream').mockImplementation(((file: fs.PathLike, options?: Parameters<typeof fs.createWriteStream>[1]) => {
    const stream = real(file, options);
    if (path.dirname(String(file)) !== folder) return stream;
    let written = 0;
    const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const write = stream._write.bind(stream);
    stream._write = (chunk: Buffer, encoding: BufferEncoding, done: (err?: Error | null) => void) => {
      written += chunk.length;
      if (written > after) done(enospc());
      else write(chunk, encoding, done);
    };
    stream._writev = (chunks: { chunk: Buffer }[], done: (err?: Error | null) => void) => {
      written += chunks.reduce((n, c) => n + c.chunk.length, 0);
      if (written > after) done(enospc());
      else write(Buffer.concat(chunks.map((c) => c.chunk)), 'binary', done);
    };
    return stream;
  }) as typeof fs.createWriteStream);
}

describe('a failed export keeps the file it would have replaced', () => {
  it('workbook: the data source fails part-way', async () => {
    const { file, bytes } = previousFile('audit.xlsx');
    const source = failingSource(2);
    try {
      await expect(writeWorkbookFrom(source, file)).rejects.toThrow('the database went away');
    } finally {
      source.close();
    }
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(leftovers()).toEqual([]);
  });

  it('PDF: the data source fails part-way', async () => {
    const { file, bytes } = previousFile('audit.pdf');
    const source = failingSource(3);
    try {
      await expect(writeEvidencePdfFrom(source, file, { summaryOnly: false })).rejects.toThrow('the database went away');
    } finally {
      source.close();
    }
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ['workbook', 'full.xlsx', (file: string) => writeWorkbook(db, runId, file)],
    ['PDF', 'full.pdf', (file: string) => writeEvidencePdf(db, runId, file, { summaryOnly: false })],
    ['bundle', 'full.zip', (file: string) => writeBundle(db, runId, file, { signingKey: testSigningKey() })],
  ])('%s: the disk fills up while it is written', async (_kind, name, write) => {
    const { file, bytes } = previousFile(name);
    diskFullIn(out);
    await expect(write(file)).rejects.toMatchObject({ code: 'ENOSPC' });
    vi.restoreAllMocks();
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(leftovers()).toEqual([]);
  });
});

describe('a successful export replaces the previous file', () => {
  it.each([
    ['workbook', 'ok.xlsx', (file: string) => writeWorkbook(db, runId, file), 'PK'],
    ['PDF', 'ok.pdf', (file: string) => writeEvidencePdf(db, runId, file, { summaryOnly: true }), '%PDF'],
    ['bundle', 'ok.zip', (file: string) => writeBundle(db, runId, file, { signingKey: testSigningKey() }), 'PK'],
  ])('%s', async (_kind, name, write, magic) => {
    const { file } = previousFile(name);
    await write(file);
    expect(fs.readFileSync(file).subarray(0, magic.length).toString('latin1')).toBe(magic);
    expect(leftovers()).toEqual([]);
    if (name.endsWith('.xlsx')) expect(sheetRows(await readWorkbook(file), 'Domains')).toHaveLength(61);
  });
});

describe('what a replaced file keeps', () => {
  // Needs to give the link away to another user, which only root can do (CI runs as root).
  it.skipIf(process.getuid?.() !== 0)('a link planted by another user is replaced itself, never followed', async () => {
    const victim = path.join(out, 'authorized_keys');
    fs.writeFileSync(victim, 'ssh-ed25519 AAAA… the user\'s own key\n');
    const planted = path.join(out, 'report-planted.xlsx');
    fs.symlinkSync(victim, planted);
    fs.lchownSync(planted, 65534, 65534);
    await writeWorkbook(db, runId, planted);
    expect(fs.readFileSync(victim, 'utf8')).toContain('the user\'s own key');
    expect(fs.lstatSync(planted).isSymbolicLink()).toBe(false);
    expect(sheetRows(await readWorkbook(planted), 'Domains')).toHaveLength(61);
  });

  it('its permissions, and a link chosen as the target stays a link to the new export', async () => {
    const { file } = previousFile('kept.xlsx');
    fs.chmodSync(file, 0o640);
    const link = path.join(path.dirname(file), 'latest.xlsx');
    fs.symlinkSync(path.basename(file), link);
    await writeWorkbook(db, runId, link);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(sheetRows(await readWorkbook(file), 'Domains')).toHaveLength(61);
    expect(leftovers()).toEqual([]);
  });
});
