/**
 * Offline review through the real path (issue 15): the lab estate is audited over real sockets into a SQLite
 * file and the CLI exports its bundle; `import-bundle` opens it into a NEW, empty database as a read-only run;
 * `runs` lists it as imported with its signer; `export` writes the bundle again, whose evidence.json is the
 * original's byte for byte; a local audit of the same client compares with it; it cannot be resumed or audited
 * again, and can be deleted. A tampered bundle and a hostile ZIP are refused and nothing is stored.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../electron/store/db';
import { executeRun, startNewRun } from '../../../electron/run-service';
import { readInputFile } from '../../../electron/io/read-input';
import { BUNDLE_FILES } from '../../../electron/io/bundle/names';
import { openBundle } from '../../../electron/io/bundle/read-zip';
import { verifyBundle } from '../../../electron/io/bundle/verify';
import { getRun, previousRunOf } from '../../../electron/store/runs';
import { createBackend, createMemorySettingsStore } from '../../../electron/handlers';
import type { RunRecord } from '../../../shared/types';
import { startLab, type Lab } from '../../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../../electron/lab/estate';
import { runBin } from '../../cli/run-bin';
import { rawZip } from './raw-zip';

const PICK = ['enforce.test', 'testing.test', 'absent.test', 'cert-expired.test', 'starttls-not-offered.test', 'null-mx.test'];
const CSV = `Domain,Owner\r\n${PICK.map((d, i) => `${d},team-${i}`).join('\r\n')}\r\nnot a domain!!,nobody\r\n`;

let lab: Lab;
let tmp: string;
let original: RunRecord;
let bundle: string;
let evidence: Buffer;
let signer: { fingerprint: string; signedAt: string };
/** The reviewer's database: new and empty before the import. */
let reviewDb: string;

const out = (...parts: string[]) => path.join(tmp, ...parts);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function entry(zip: string, name: string): Promise<Buffer> {
  return (await openBundle(zip)).read(name, Infinity);
}

/** Rows in every table that holds a run's data: "nothing stored" means none of these moved. */
function storedRows(file: string): Record<string, number> {
  const db = openDatabase(file);
  try {
    const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return Object.fromEntries(['runs', 'run_domains', 'results', 'result_evidence', 'findings', 'mx_probes', 'run_counts', 'result_mx_hosts'].map((t) => [t, count(t)]));
  } finally {
    db.close();
  }
}

async function runsJson(file: string): Promise<RunRecord[]> {
  const r = await runBin(['runs', '--db', file, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() === '' ? [] : r.stdout.trim().split('\n').map((l) => JSON.parse(l) as RunRecord);
}

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-import-bundle-'));
  fs.writeFileSync(out('estate.csv'), CSV);
  const db = openDatabase(out('auditor.sqlite'));
  try {
    const { imported, inputFile } = await readInputFile(out('estate.csv'));
    const run = startNewRun(db, { name: 'Lab Q4', client: 'Example Holdings', source: 'estate.csv', settings: lab.settings, domains: imported.rows, inputFile });
    await executeRun(db, run.id, { concurrency: 6 });
    original = getRun(db, run.id)!;
  } finally {
    db.close();
  }
  bundle = out('audit.zip');
  const made = await runBin(['export', String(original.id), '--db', out('auditor.sqlite'), '--bundle', bundle], '', { XDG_CONFIG_HOME: out('auditor-config') });
  expect(made.code, made.stderr).toBe(0);
  evidence = await entry(bundle, BUNDLE_FILES.evidence);
  signer = JSON.parse((await entry(bundle, BUNDLE_FILES.signing)).toString('utf8'));
  reviewDb = out('review', 'audits.sqlite');
  fs.mkdirSync(out('review'));
}, 180_000);

afterAll(async () => {
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('offline review of a bundle', () => {
  it('opens a bundle into a new, empty database as a read-only run, listed as imported with its signer', async () => {
    expect(fs.existsSync(reviewDb)).toBe(false);
    const r = await runBin(['import-bundle', bundle, '--db', reviewDb], '', { XDG_CONFIG_HOME: out('reviewer-config') });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('result: VERIFIED');
    expect(r.stdout).toContain(`imported as run 1 "Lab Q4" (Example Holdings): ${original.done} domain(s), read-only`);
    expect(r.stdout).toContain(`from audit.zip, signed by key ${signer.fingerprint} at ${signer.signedAt}; run ${original.id} in the auditor's database`);

    const [run, ...others] = await runsJson(reviewDb);
    expect(others).toEqual([]);
    expect(run).toMatchObject({
      id: 1, name: original.name, client: original.client, source: original.source, createdAt: original.createdAt, finishedAt: original.finishedAt,
      state: 'completed', toolVersion: original.toolVersion, resolver: original.resolver, total: original.total, done: original.done,
      postureCounts: original.postureCounts, outcomeCounts: original.outcomeCounts, severityCounts: original.severityCounts,
      imported: { bundle: 'audit.zip', signerFingerprint: signer.fingerprint, signedAt: signer.signedAt, originalId: original.id },
    });
    expect(Date.parse(run!.imported!.importedAt)).toBeGreaterThan(Date.parse(original.createdAt));
    expect(run!.settings).toEqual(original.settings);
    // The auditor's own runs carry no import record.
    expect((await runsJson(out('auditor.sqlite')))[0]).not.toHaveProperty('imported');

    const table = await runBin(['runs', '--db', reviewDb]);
    expect(table.stdout).toContain(`Lab Q4 (Example Holdings)  [imported from audit.zip, read-only; signed by key ${signer.fingerprint} at ${signer.signedAt}]`);
  }, 120_000);

  it('exports the bundle again with evidence.json byte-identical to the bundle\'s, and the workbook and PDF', async () => {
    const again = out('again.zip');
    const r = await runBin(['export', '1', '--db', reviewDb, '--bundle', again, '--xlsx', out('again.xlsx'), '--pdf', out('again.pdf')], '', { XDG_CONFIG_HOME: out('reviewer-config') });
    expect(r.code, r.stderr).toBe(0);
    const reexported = await entry(again, BUNDLE_FILES.evidence);
    expect(reexported.length).toBe(evidence.length);
    expect(sha256(reexported)).toBe(sha256(evidence));
    expect(reexported.equals(evidence)).toBe(true);
    // The re-export is signed by the reviewer's key, and verifies: its PDF was made from the same evidence.
    const report = await verifyBundle(again);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.signer!.fingerprint).not.toBe(signer.fingerprint);
    expect(fs.statSync(out('again.xlsx')).size).toBeGreaterThan(1000);
    expect(fs.readFileSync(out('again.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('compares with a local audit of the same client, which does not take the imported run as its baseline', async () => {
    const db = openDatabase(reviewDb);
    let local: RunRecord;
    try {
      const { imported } = await readInputFile(out('estate.csv'));
      const run = startNewRun(db, { name: 'Lab Q1 (local)', client: 'Example Holdings', source: 'estate.csv', settings: lab.settings, domains: imported.rows });
      local = (await executeRun(db, run.id, { concurrency: 6 })).run;
      expect(local.state).toBe('completed');
      // Someone else's signed audit is never the baseline of this one (nor given one): DECISIONS "Offline review".
      expect(previousRunOf(db, local.id)).toBeUndefined();
      expect(previousRunOf(db, 1)).toBeUndefined();
    } finally {
      db.close();
    }
    const r = await runBin(['compare', '1', String(local.id), '--db', reviewDb, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { domain: string; changeClass: string });
    expect(rows.map((c) => c.domain).sort()).toEqual([...PICK].sort());
    // The same lab twice: no domain got better or worse.
    expect(rows.filter((c) => c.changeClass === 'improved' || c.changeClass === 'regressed')).toEqual([]);
    const text = await runBin(['compare', '1', String(local.id), '--db', reviewDb]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^run 1 \\(${original.createdAt.slice(0, 10)} [^)]*\\) → run ${local.id} \\(`));
    expect(text.stdout).toMatch(/Unchanged +6/);
  }, 180_000);

  it('cannot be resumed or audited again (CLI and app), and can be deleted', async () => {
    const before = storedRows(reviewDb);
    const resume = await runBin(['resume', '1', '--db', reviewDb]);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toContain('run 1 was imported from audit.zip and is read-only: it cannot be resumed or audited again');
    expect(storedRows(reviewDb)).toEqual(before);
    expect((await runsJson(reviewDb)).find((r) => r.id === 1)).toMatchObject({ state: 'completed', finishedAt: original.finishedAt });

    const db = openDatabase(reviewDb);
    try {
      const backend = createBackend({ db, dialogs: { openFile: async () => undefined, saveFile: async () => undefined }, showItem: () => {}, emit: () => {}, settingsStore: createMemorySettingsStore() });
      for (const [channel, request] of [['run:resume', { runId: 1 }], ['run:again', { runId: 1, name: 'again' }]] as const) {
        const reply = await backend.dispatch(channel, request);
        expect(reply.ok, channel).toBe(false);
        if (!reply.ok) {
          expect(reply.error.code).toBe('CONFLICT');
          expect(reply.error.message).toMatch(/^this audit was opened from audit\.zip and is read-only: it cannot be (resumed|audited again)$/);
        }
      }
      expect((await backend.handlers['run:list']({})).ok).toBe(true);
      expect(await backend.dispatch('run:delete', { runId: 1 })).toEqual({ ok: true, value: null });
      expect(getRun(db, 1)).toBeUndefined();
      for (const t of ['run_domains', 'results', 'mx_probes']) expect(db.prepare(`SELECT count(*) FROM ${t} WHERE run_id = 1`).pluck().get(), t).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);

  it('opens a bundle through `bundle:open` only when chosen in the open dialog', async () => {
    const file = out('app', 'audits.sqlite');
    fs.mkdirSync(path.dirname(file));
    const db = openDatabase(file);
    let next: string | undefined;
    try {
      const backend = createBackend({ db, dialogs: { openFile: async () => next, saveFile: async () => undefined }, showItem: () => {}, emit: () => {}, settingsStore: createMemorySettingsStore() });
      const denied = await backend.dispatch('bundle:open', { path: bundle });
      expect(denied.ok === false && denied.error.code).toBe('PATH_NOT_ALLOWED');
      next = bundle;
      await backend.dispatch('dialog:openFile', {});
      const reply = await backend.handlers['bundle:open']({ path: bundle });
      expect(reply.ok).toBe(true);
      if (!reply.ok || !reply.value.ok) throw new Error('not opened');
      expect(reply.value.run).toMatchObject({ id: 1, name: 'Lab Q4', state: 'completed', imported: { bundle: 'audit.zip', signerFingerprint: signer.fingerprint } });
      expect(reply.value.report.ok).toBe(true);
    } finally {
      db.close();
    }
  }, 120_000);

  it('refuses a tampered bundle with the verify report\'s problems, and stores nothing', async () => {
    const b = await openBundle(bundle);
    const entries = new Map<string, Buffer>();
    for (const name of b.entries.keys()) entries.set(name, await b.read(name, Infinity));
    const flipped = Buffer.from(evidence);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    entries.set(BUNDLE_FILES.evidence, flipped);
    const tampered = out('tampered.zip');
    fs.writeFileSync(tampered, rawZip([...entries].map(([name, data]) => ({ name, data, deflate: true }))));

    const before = storedRows(reviewDb);
    const r = await runBin(['import-bundle', tampered, '--db', reviewDb]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('result: NOT VERIFIED');
    expect(r.stdout).toMatch(/MODIFIED +evidence\.json/);
    expect(r.stdout).toContain('not imported: tampered.zip does not verify, so it is not opened: evidence.json was modified: its SHA-256 is not the one in the manifest');
    expect(storedRows(reviewDb)).toEqual(before);
    const json = await runBin(['import-bundle', tampered, '--db', reviewDb, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, refused: expect.stringContaining('does not verify'), verify: { ok: false, signature: 'valid' } });
    expect(storedRows(reviewDb)).toEqual(before);
  }, 120_000);

  it('refuses hostile ZIPs as verify does, writing nothing anywhere', async () => {
    const folder = out('hostile');
    fs.mkdirSync(folder);
    const hostile: [string, Buffer][] = [
      ['traversal.zip', rawZip([{ name: '../escaped.txt', data: Buffer.from('x') }, { name: 'manifest.sha256', data: Buffer.from('') }])],
      ['symlink.zip', rawZip([{ name: 'evidence.json', data: Buffer.from('/etc/passwd'), madeBy: 0x0314, externalAttributes: (0o120777 << 16) >>> 0 }])],
      ['huge.zip', rawZip([{ name: 'evidence.json', data: Buffer.from('{}'), declaredSize: 0xfffffff0 }])],
      ['truncated.zip', fs.readFileSync(bundle).subarray(0, 4000)],
    ];
    const before = storedRows(reviewDb);
    for (const [name, bytes] of hostile) {
      fs.writeFileSync(path.join(folder, name), bytes);
      const r = await runBin(['import-bundle', path.join(folder, name), '--db', reviewDb]);
      expect(r.code, name).toBe(1);
      expect(r.stdout, name).toMatch(new RegExp(`^not imported: ${name.replace('.', '\\.')} (is refused|is not a readable bundle)`));
    }
    expect(storedRows(reviewDb)).toEqual(before);
    expect(fs.readdirSync(folder).sort()).toEqual(hostile.map(([n]) => n).sort());
    expect(fs.existsSync(out('escaped.txt'))).toBe(false);
  }, 120_000);
});
