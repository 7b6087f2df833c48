/** Opening databases: a new file, every earlier schema version with data in it, and a newer one (refused). */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SchemaTooNewError } from '../../electron/store/db';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/store/migrate';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations';
import { getRun, pendingDomains } from '../../electron/store/runs';
import { getResult, listResults } from '../../electron/store/results';
import { SEEDED_INPUT, SEEDED_REPORT_POLICY, SEEDED_SIGNER, SEEDS, seededResult } from './fixtures/seeds';
import { getRunInput } from '../../electron/store/run-inputs';
import { observedPolicies } from '../../electron/store/tlsrpt-reports';
import { outcomeRank, resultOutcome } from '../../shared/outcome';
import { consistencyProblems, tempDir } from './helpers';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function file(name: string): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, name);
}

function track(db: Database.Database): Database.Database {
  cleanups.push(() => db.open && db.close());
  return db;
}

const TABLES = ['findings', 'mx_probes', 'result_evidence', 'result_mx_hosts', 'results', 'run_counts', 'run_domains', 'run_inputs', 'runs', 'tlsrpt_failures', 'tlsrpt_policies', 'tlsrpt_reports'];

describe('a new database', () => {
  it('is created at the current version with WAL, foreign keys and NORMAL sync', () => {
    const db = track(openDatabase(file('new.sqlite')));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(TABLES);
  });

  it('works in memory', () => {
    const db = track(openDatabase(':memory:'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
  });

  it('reopens without re-applying anything', () => {
    const f = file('again.sqlite');
    openDatabase(f).close();
    const db = track(openDatabase(f));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  });
});

describe('upgrades', () => {
  it('has representative data for every released version', () => {
    for (let v = 1; v <= SCHEMA_VERSION; v++) expect(SEEDS[v], `SEEDS[${v}] in test/store/fixtures/seeds.ts`).toBeTypeOf('function');
  });

  // Version k = a database last written by the release whose newest migration was k.
  it.each(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))('opens a version %i database with its data intact', (k) => {
    const f = file(`v${k}.sqlite`);
    const old = new Database(f);
    old.pragma('foreign_keys = ON');
    migrate(old, k);
    expect(schemaVersion(old)).toBe(k);
    SEEDS[k]!(old);
    old.close();

    const db = track(openDatabase(f));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const run = getRun(db, 1)!;
    expect(run).toMatchObject({ name: 'Q3 estate', client: 'ACME', state: 'paused', total: 2, done: 1, postureCounts: { enforce: 1 } });
    // Results saved before the outcome existed are judged on upgrade by the same rule as new ones.
    const { outcome } = resultOutcome(seededResult());
    expect(run.outcomeCounts).toEqual({ [outcome]: 1 });
    expect(db.prepare('SELECT outcome, outcome_rank FROM results WHERE id = 1').get()).toEqual({ outcome, outcome_rank: outcomeRank(outcome) });
    expect(getResult(db, 1, 'alpha.example')).toEqual(seededResult());
    expect(pendingDomains(db, 1).map((d) => d.domain)).toEqual(['beta.example']);
    expect(listResults(db, 1, { offset: 0, limit: 10 }).rows.map((r) => r.tags)).toEqual([{ owner: 'ops' }]);
    expect(consistencyProblems(db, 1)).toEqual([]);
    // Reports exist from version 3 on; an older database upgrades with none.
    expect(observedPolicies(db, '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z')).toEqual(k >= 3 ? [SEEDED_REPORT_POLICY] : []);
    // Inputs are kept from version 4 on; an older run upgrades with none, and its bundle says "input not kept".
    const input = getRunInput(db, 1);
    if (k >= 4) expect(input).toMatchObject({ fileName: 'q3.csv', size: SEEDED_INPUT.length, bytes: SEEDED_INPUT, report: { rowsUsed: 2 } });
    else expect(input).toBeUndefined();
    // Runs opened from a bundle exist from version 5 on; a run made here never says it was imported.
    expect(run).not.toHaveProperty('imported');
    if (k >= 5) expect(getRun(db, 2)!.imported).toEqual({ bundle: 'their.zip', importedAt: '2026-10-01T00:00:00.000Z', signerFingerprint: SEEDED_SIGNER, signedAt: '2026-09-02T00:00:00Z', originalId: 7 });
  });
});

describe('refusals', () => {
  it('refuses a database written by a newer version and leaves it as it was', () => {
    const f = file('future.sqlite');
    const future = new Database(f);
    future.exec('CREATE TABLE something_new (x)');
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();

    expect(() => openDatabase(f)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(f)).toThrow(new RegExp(`schema version ${SCHEMA_VERSION + 1}.*newer version`));
    const after = track(new Database(f, { readonly: true }));
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
  });

  it('rolls a failing step back to the last complete version', () => {
    const db = track(new Database(file('broken.sqlite')));
    const broken: Migration = { version: 2, name: 'broken', up: (d) => { d.exec('CREATE TABLE half_done (x)'); throw new Error('boom'); } };
    expect(() => migrate(db, 2, [MIGRATIONS[0]!, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('refuses a migration list that skips a version', () => {
    const db = track(new Database(':memory:'));
    const skipping: Migration = { version: 3, name: 'skips', up: () => undefined };
    expect(() => migrate(db, 3, [MIGRATIONS[0]!, skipping])).toThrow(/expected 2/);
    expect(schemaVersion(db)).toBe(0);
  });
});
