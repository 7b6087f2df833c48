/**
 * A run's stored SMTP probe is the run's answer for that address: the domains audited after a resume are
 * judged on it, so evidence and findings agree across sessions. A resume that changes the network settings
 * (time-outs, resolver, CA) probes anew, since the stored answer may be what the change is meant to fix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS } from '../../electron/lab/estate';
import { HEALTHY_ENFORCE } from '../../electron/lab/estate/spec';
import { openDatabase } from '../../electron/store/db';
import { executeRun, startNewRun } from '../../electron/run-service';
import { pendingDomains } from '../../electron/store/runs';
import { getResult, saveResult } from '../../electron/store/results';
import { makeResult } from '../store/fixtures/domain-results';
import type { AuditSettings, SmtpProbe } from '../../shared/types';

let lab: Lab;
let tmp: string;
let db: Database.Database;

beforeAll(async () => {
  lab = await startLab({ domains: [{ name: 'recall.test', about: 'healthy', expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } }], mxHosts: BASE_MX_HOSTS.slice(0, 2) });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-recall-'));
  db = openDatabase(path.join(tmp, 'audits.sqlite'));
}, 60_000);

afterAll(async () => {
  db?.close();
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A run of two domains whose first, already saved before "the pause", stored a probe of mx1 at its lab address. */
function pausedRun(settings: AuditSettings): number {
  const run = startNewRun(db, { name: 'recall', settings, domains: [{ input: 'seed.example', domain: 'seed.example', tags: {} }, { input: 'recall.test', domain: 'recall.test', tags: {} }] });
  const stored: SmtpProbe = {
    host: 'mx1.provider.test', address: lab.smtp.addressOf('mx1.provider.test'), port: settings.smtpPort, outcome: 'ok',
    banner: '220 as probed before the pause', elapsedMs: 4, startedAt: '2026-12-01T09:00:00.000Z',
  };
  const seed = pendingDomains(db, run.id)[0]!;
  saveResult(db, run.id, seed.runDomainId, { ...makeResult('seed.example'), mx: [{ host: stored.host, preference: 10, addresses: [stored.address], probes: [stored] }] });
  return run.id;
}

const mx1Banner = (runId: number) => getResult(db, runId, 'recall.test')!.mx.find((h) => h.host === 'mx1.provider.test')!.probes[0]!.banner;

describe('stored probes on resume', () => {
  it('are reused for the domains still pending', async () => {
    const runId = pausedRun(lab.settings);
    await executeRun(db, runId, { concurrency: 2 });
    expect(mx1Banner(runId)).toBe('220 as probed before the pause');
  });

  it('are reused when the resume repeats the run\'s own settings', async () => {
    const runId = pausedRun(lab.settings);
    await executeRun(db, runId, { concurrency: 2, settingsOverride: { resolvers: lab.settings.resolvers, smtpPort: lab.settings.smtpPort } });
    expect(mx1Banner(runId)).toBe('220 as probed before the pause');
  });

  it('are not reused when the resume changes a network setting', async () => {
    const runId = pausedRun(lab.settings);
    await executeRun(db, runId, { concurrency: 2, settingsOverride: { smtpReplyTimeoutMs: lab.settings.smtpReplyTimeoutMs + 1000 } });
    expect(mx1Banner(runId)).toMatch(/^220 mx1\.provider\.test/);
  });
});
