/**
 * What the time-left estimate knows of the domains ahead: the last earlier audit of the same client, its
 * posture and MX count per domain (store/results.ts previousSummaries), from a real SQLite file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/types';
import { openDatabase } from '../../electron/store/db';
import { createRun, pendingDomains } from '../../electron/store/runs';
import { previousSummaries, saveResult } from '../../electron/store/results';
import { makeResult } from '../io/export/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prev-summaries-'));
const db = openDatabase(path.join(dir, 'audits.sqlite'));
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(client: string | undefined, results: ReturnType<typeof makeResult>[], domains = results.map((r) => r.domain)): number {
  const info = createRun(db, {
    name: 'r', client, settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'x',
    domains: domains.map((d) => ({ input: d, domain: d, tags: {} })),
  });
  const pending = pendingDomains(db, info.id);
  results.forEach((r) => saveResult(db, info.id, pending.find((p) => p.domain === r.domain)!.runDomainId, r));
  return info.id;
}

describe('previousSummaries', () => {
  it('gives the latest earlier audit of the same client, and nothing for domains it never saw', () => {
    run('Acme', [makeResult('a.example', { posture: 'absent' }), makeResult('b.example', { posture: 'no-mail' })]);
    run('Acme', [makeResult('a.example', { posture: 'enforce' })]);
    run('Other', [makeResult('c.example', { posture: 'enforce' })]);
    const id = run('Acme', [], ['a.example', 'b.example', 'c.example', '']);
    const items = pendingDomains(db, id);
    const got = previousSummaries(db, id, items);
    const by = (d: string) => got.get(items.find((i) => i.domain === d)!.runDomainId);
    expect(by('a.example')).toEqual({ posture: 'enforce', mxCount: 2 });
    expect(by('b.example')).toEqual({ posture: 'no-mail', mxCount: 0 });
    expect(by('c.example')).toBeUndefined(); // another client's audit is never used
    expect(got.size).toBe(2);
  });
});
