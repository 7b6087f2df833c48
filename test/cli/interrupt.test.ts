/**
 * Ctrl-C during a batch audit, as a user presses it in a terminal (SIGINT to the whole process group): the
 * audit stops within seconds even while a policy host hangs, what finished is saved, the hanging domain stays
 * pending for `resume`, and the run is marked as stopped rather than left "running".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS } from '../../electron/lab/estate';
import { HEALTHY_ENFORCE, type DomainSpec } from '../../electron/lab/estate/spec';
import { startBin } from './run-bin';

const healthy = (name: string): DomainSpec => ({ name, about: 'answers at once', expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } });
const DOMAINS: DomainSpec[] = [
  healthy('quick1.sigint.test'), healthy('quick2.sigint.test'), healthy('quick3.sigint.test'),
  { name: 'hang.sigint.test', about: 'the policy host answers after two minutes', https: { headerDelayMs: 120_000 }, expect: { posture: 'error', codes: [] } },
];

let lab: Lab;
let tmp: string;

beforeAll(async () => {
  lab = await startLab({ domains: DOMAINS, mxHosts: BASE_MX_HOSTS.slice(0, 2) });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-sigint-'));
}, 60_000);

afterAll(async () => {
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const count = (db: string, sql: string): number => {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (conn.prepare(sql).get() as { n: number }).n;
  } finally {
    conn.close();
  }
};

describe('Ctrl-C during mta-sts-audit audit', () => {
  it.each([
    ['the terminal (the whole process group)', (pid: number) => process.kill(-pid, 'SIGINT')],
    ['a supervisor (the command\'s own process only)', (pid: number) => process.kill(pid, 'SIGINT')],
  ])('from %s: stops within seconds, keeps what finished, leaves the hanging domain pending', async (who, interrupt) => {
    const db = path.join(tmp, `audits-${who.length}.sqlite`);
    const csv = path.join(tmp, 'estate.csv');
    const ca = path.join(tmp, 'ca.pem');
    fs.writeFileSync(csv, `domain\n${DOMAINS.map((d) => d.name).join('\n')}\n`);
    fs.writeFileSync(ca, lab.settings.extraCaPem!);
    const s = lab.settings;
    const run = startBin(['audit', csv, '--db', db, '--concurrency', '4', '--resolver', s.resolvers[0]!, '--ca', ca, '--https-port', String(s.httpsPort),
      '--smtp-port', String(s.smtpPort), '--allow-private', '--timeout', '300000']);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        if (count(db, 'SELECT count(*) AS n FROM results') >= 3) break;
      } catch {
        // the database is not created yet
      }
    }
    const interrupted = Date.now();
    interrupt(run.child.pid!);
    const ended = await run.done;
    expect(Date.now() - interrupted).toBeLessThan(10_000);
    expect(ended.code, ended.stderr).toBe(1);
    expect(count(db, 'SELECT count(*) AS n FROM results')).toBe(3);
    expect(count(db, "SELECT count(*) AS n FROM run_domains WHERE done = 0 AND domain = 'hang.sigint.test'")).toBe(1);
    expect(count(db, "SELECT count(*) AS n FROM runs WHERE state IN ('cancelled', 'paused')")).toBe(1);
  }, 90_000);
});
