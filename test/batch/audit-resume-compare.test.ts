/**
 * Batch audits end to end, as a consultant runs them: the `mta-sts-audit` CLI in a child process imports a
 * CSV of several hundred lab domains and audits it into a real SQLite file. The process is killed with
 * SIGKILL part-way, `resume` finishes the run, and every domain ends with exactly one result. Then the lab
 * changes (a policy id, a downgraded mode, a removed record, a policy edited without a new id, an id bumped
 * for nothing), the estate is audited again, and `compare` reports each change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS } from '../../electron/lab/estate';
import { generateEstate } from '../lab/estate/generated';
import { HEALTHY_ENFORCE, policyBody, type DomainSpec } from '../../electron/lab/estate/spec';
import { openDatabase } from '../../electron/store/db';
import { runDomains } from '../../electron/store/runs';
import { getResult } from '../../electron/store/results';
import { startBin as start } from '../cli/run-bin';

const GENERATED = 360;

/** Domains whose publication changes between the two audits. */
const healthy = (name: string, extra: Partial<DomainSpec> = {}): DomainSpec => ({ name, about: 'changes between runs', ...extra, expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } });
const BEFORE: DomainSpec[] = [
  healthy('cmp-new-id.test'), healthy('cmp-downgrade.test'), healthy('cmp-removed.test'), healthy('cmp-same-id.test'), healthy('cmp-bumped.test'),
];
const AFTER: DomainSpec[] = [
  healthy('cmp-new-id.test', { sts: ['v=STSv1; id=20250301T000000Z'], policy: policyBody('enforce', undefined, '2419200') }),
  healthy('cmp-downgrade.test', { sts: ['v=STSv1; id=20250301T000000Z'], policy: policyBody('testing') }),
  healthy('cmp-removed.test', { sts: null, policy: null }),
  healthy('cmp-same-id.test', { policy: policyBody('enforce', ['*.provider.test', 'mx3.provider.test']) }),
  healthy('cmp-bumped.test', { sts: ['v=STSv1; id=20250301T000000Z'] }),
];

let lab: Lab;
let tmp: string;
let db: string;
let csv: string;
let network: string[];
let domains: string[];

function query<T>(sql: string, ...params: unknown[]): T[] {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

beforeAll(async () => {
  const estate = generateEstate(GENERATED, { label: 'b' });
  lab = await startLab({ domains: [...estate.domains, ...BEFORE], mxHosts: [...BASE_MX_HOSTS.slice(0, 2), ...estate.mxHosts], policyCertBucket: 50 });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-batch-'));
  db = path.join(tmp, 'audits.sqlite');
  const ca = path.join(tmp, 'lab-ca.pem');
  fs.writeFileSync(ca, lab.settings.extraCaPem!);
  domains = [...estate.domains.map((d) => d.name), ...BEFORE.map((d) => d.name)];
  // A client's sheet: a title line, a header, owners as tags, an e-mail and a URL among the domains, a bad row.
  const rows = domains.map((d, i) => `${i % 7 === 0 ? `hostmaster@${d}` : i % 11 === 0 ? `https://${d}/` : d};team-${i % 4}`);
  csv = path.join(tmp, 'estate.csv');
  fs.writeFileSync(csv, `Client estate export\nDomain;Owner\n${rows.join('\n')}\nnot a domain!;team-x\n`);
  const s = lab.settings;
  network = ['--resolver', s.resolvers[0]!, '--ca', ca, '--https-port', String(s.httpsPort), '--smtp-port', String(s.smtpPort), '--allow-private', '--timeout', '3000'];
}, 120_000);

afterAll(async () => {
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('batch audit through the CLI', () => {
  it('survives SIGKILL mid-run: resume ends with exactly one result per domain', async () => {
    const first = start(['audit', csv, '--db', db, '--name', 'Estate Q1', '--client', 'Acme', '--concurrency', '16', ...network]);
    // Kill once a fair share is stored, while the rest is still in flight.
    const deadline = Date.now() + 60_000;
    let saved = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 40));
      if (!fs.existsSync(db)) continue;
      try {
        saved = query<{ n: number }>('SELECT count(*) AS n FROM results')[0]!.n;
      } catch {
        continue; // schema not created yet
      }
      if (saved >= domains.length / 4) break;
    }
    process.kill(-first.child.pid!, 'SIGKILL');
    const killed = await first.done;
    expect(killed.code).toBe(-1);
    const afterKill = query<{ n: number }>('SELECT count(*) AS n FROM results')[0]!.n;
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(domains.length);

    const resumed = await start(['resume', '1', '--db', db, '--json', ...network]).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout.trim().split('\n').at(-1)!)).toMatchObject({ id: 1, state: 'completed', total: domains.length, done: domains.length });

    const perDomain = query<{ domain: string; n: number }>('SELECT d.domain, count(r.id) AS n FROM run_domains d LEFT JOIN results r ON r.run_domain_id = d.id WHERE d.run_id = 1 GROUP BY d.id');
    expect(perDomain).toHaveLength(domains.length);
    expect(perDomain.filter((d) => d.n !== 1)).toEqual([]);
    expect(new Set(perDomain.map((d) => d.domain))).toEqual(new Set(domains));
    // Findings were written once per result, not once per attempt.
    const dupes = query<{ n: number }>('SELECT count(*) AS n FROM (SELECT result_id, seq FROM findings GROUP BY result_id, seq HAVING count(*) > 1)');
    expect(dupes[0]!.n).toBe(0);
  }, 180_000);

  it('lists the run and keeps each domain\'s tags and posture', async () => {
    const { code, stdout } = await start(['runs', '--db', db, '--json']).done;
    expect(code).toBe(0);
    const runs = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(runs).toEqual([expect.objectContaining({ id: 1, name: 'Estate Q1', client: 'Acme', state: 'completed', total: domains.length })]);
    const counts = runs[0].postureCounts as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(domains.length);
    expect(counts['no-mail']).toBeGreaterThan(0);
    const store = openDatabase(db);
    try {
      const row = [...runDomains(store, 1)].find((d) => d.domain === 'cmp-new-id.test');
      expect(row?.tags).toEqual({ Owner: expect.stringMatching(/^team-\d$/) });
      // The cell as imported is kept with the result: an e-mail address in the sheet stays visible as such.
      const fromEmail = [...runDomains(store, 1)].find((d) => d.input.startsWith('hostmaster@'));
      expect(getResult(store, 1, fromEmail!.domain)?.input).toBe(fromEmail!.input);
    } finally {
      store.close();
    }
  });

  it('compares a second audit after the lab changed: id bumps, downgrades, removals, silent edits', async () => {
    for (const d of AFTER) await lab.update(d);
    const second = await start(['audit', csv, '--db', db, '--name', 'Estate Q2', '--client', 'Acme', '--concurrency', '32', '--json', ...network]).done;
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ id: 2, state: 'completed' });

    const { code, stdout } = await start(['compare', '1', '2', '--db', db, '--json']).done;
    expect(code).toBe(0);
    const diffs = new Map(stdout.trim().split('\n').map((l) => JSON.parse(l)).map((d) => [d.domain, d]));
    const kinds = (d: string) => diffs.get(d).changes.map((c: { kind: string }) => c.kind);
    expect(kinds('cmp-new-id.test')).toEqual(expect.arrayContaining(['id-changed', 'max-age-changed']));
    expect(kinds('cmp-new-id.test')).not.toContain('id-not-updated');
    expect(kinds('cmp-downgrade.test')).toEqual(expect.arrayContaining(['posture-down', 'mode-changed', 'id-changed']));
    expect(kinds('cmp-removed.test')).toEqual(expect.arrayContaining(['posture-down', 'removed-without-none']));
    expect(kinds('cmp-same-id.test')).toEqual(['mx-set-changed', 'id-not-updated']);
    expect(kinds('cmp-bumped.test')).toEqual(['id-changed', 'id-bumped-without-change']);
    // The change classes (CHECKS §7.3): a downgrade, a removal and a silent edit are regressions; a new id
    // with a new max_age or for nothing changes settings, not the protection.
    const classOf = (d: string) => diffs.get(d).changeClass;
    expect(['cmp-downgrade.test', 'cmp-removed.test', 'cmp-same-id.test'].map(classOf)).toEqual(['regressed', 'regressed', 'regressed']);
    expect(['cmp-new-id.test', 'cmp-bumped.test'].map(classOf)).toEqual(['unchanged', 'unchanged']);
    // Untouched domains compare equal.
    const unchanged = [...diffs.values()].filter((d) => d.changes.length === 0 && d.defectsNew.length === 0 && d.defectsFixed.length === 0);
    expect(unchanged.length).toBe(domains.length - AFTER.length);
    expect(unchanged.every((d) => d.changeClass === 'unchanged')).toBe(true);

    // The run-comparison findings are part of the second run's results.
    const codes = (d: string) => query<{ code: string }>('SELECT f.code FROM findings f JOIN results r ON r.id = f.result_id WHERE r.run_id = 2 AND r.domain = ?', d).map((r) => r.code);
    expect(codes('cmp-same-id.test')).toContain('MTASTS_DNS_ID_NOT_UPDATED');
    expect(codes('cmp-removed.test')).toContain('MTASTS_DNS_REMOVED_WITHOUT_NONE');
    expect(codes('cmp-new-id.test')).not.toContain('MTASTS_DNS_ID_NOT_UPDATED');

    const human = await start(['compare', '1', '2', '--db', db]).done;
    expect(human.stdout).toMatch(new RegExp(`run 1 \\(.* UTC\\) → run 2 \\(.* UTC\\): ${domains.length} domains`));
    expect(human.stdout).toMatch(/\n {2}Regressed +3\n/);
    expect(human.stdout).toMatch(/cmp-same-id\.test {2}Regressed \[High\]: Protected → Protection broken\n(.*\n)*\s+id-not-updated/);
    // Named later-first, the comparison still reads from the earlier audit.
    const reversed = await start(['compare', '2', '1', '--db', db]).done;
    expect(reversed.stdout.split('\n')[0]).toMatch(/^run 1 .* → run 2 /);
  }, 180_000);
});
