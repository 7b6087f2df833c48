/**
 * Crash safety: a writer process SIGKILLed at an arbitrary moment while saving results leaves every domain
 * either fully saved (result, evidence, all findings, probes, done flag, tallies) or fully pending, and the
 * run completes by saving just the pending ones. The kill delays are random (logged), drawn from ranges
 * that land early, mid-run and late.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/db';
import { getRun, runDomains } from '../../electron/store/runs';
import { getResult } from '../../electron/store/results';
import { estateDomains, makeResult } from './fixtures/domain-results';
import { consistencyProblems, newRun, savePending, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const WRITER = path.join(__dirname, 'fixtures/crash-writer.ts');
const DOMAINS = 1500;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the writer until it is killed: by us `delayMs` after its first save, or by itself inside save
 * `dieAfter`+1. tsx runs the script in a child process of its own and cannot pass SIGKILL on, so the
 * writer gets its own process group and the whole group is killed; the writer's pid (which it prints)
 * must be gone before the file is examined.
 */
function runWriter(file: string, runId: number, how: { delayMs: number } | { dieAfter: number }): Promise<{ finished: boolean }> {
  return new Promise((resolve, reject) => {
    // Node 22 first: tsx runs under whatever `node` is on PATH, and better-sqlite3 13 needs 22.
    const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
    const args = [WRITER, file, String(runId), ...('dieAfter' in how ? [String(how.dieAfter)] : [])];
    const child = spawn(TSX, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    let writerPid: number | undefined;
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const started = /^saving (\d+)\n/.exec(out);
      if (started && writerPid === undefined) {
        writerPid = Number(started[1]);
        if ('delayMs' in how) setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), how.delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (writerPid === undefined) {
        reject(new Error(`the writer never started saving: ${err.slice(0, 2000)}`));
        return;
      }
      const whenGone = () => (alive(writerPid!) ? setTimeout(whenGone, 5) : resolve({ finished: out.includes('finished') }));
      whenGone();
    });
  });
}

/** Opens the file after the crash and checks it, then completes the run from the pending domains. */
function checkAndComplete(file: string, runId: number): number {
  const db = openDatabase(file);
  cleanups.unshift(() => db.open && db.close());
  const killed = getRun(db, runId)!;
  expect(killed.done).toBeGreaterThan(0);
  expect(killed.done).toBeLessThan(DOMAINS);
  expect(consistencyProblems(db, runId)).toEqual([]);
  const probes = new Set<string>();
  for (const d of runDomains(db, runId)) {
    const stored = getResult(db, runId, d.domain);
    if (d.done) expect(stored, d.domain).toEqual({ ...makeResult(d.domain), input: d.input });
    else expect(stored, d.domain).toBeUndefined();
    for (const h of stored?.mx ?? []) for (const p of h.probes) probes.add(`${p.host} ${p.address} ${p.port}`);
  }
  // Probes written by the killed save went with it: only those of saved domains remain.
  expect(db.prepare('SELECT count(*) FROM mx_probes WHERE run_id = ?').pluck().get(runId)).toBe(probes.size);

  savePending(db, runId);
  expect(getRun(db, runId)!.done).toBe(DOMAINS);
  expect(db.prepare('SELECT count(*) FROM results WHERE run_id = ?').pluck().get(runId)).toBe(DOMAINS);
  expect(db.prepare('SELECT count(DISTINCT run_domain_id) FROM results WHERE run_id = ?').pluck().get(runId)).toBe(DOMAINS);
  expect(consistencyProblems(db, runId)).toEqual([]);
  return killed.done;
}

function newEstateFile(): { file: string; runId: number } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, 'crash.sqlite');
  const setup = openDatabase(file);
  const run = newRun(setup, estateDomains(DOMAINS));
  setup.close();
  return { file, runId: run.id };
}

describe('a writer killed mid-run', () => {
  const ranges: [number, number][] = [[0, 5], [5, 60], [60, 200], [200, 450], [0, 450]];

  it.each(ranges)('leaves every domain saved or pending (kill %i–%i ms after the first save)', async (min, max) => {
    const { file, runId } = newEstateFile();
    const delayMs = Math.round(min + Math.random() * (max - min));
    const { finished } = await runWriter(file, runId, { delayMs });
    expect(finished, 'the writer finished before the kill: raise DOMAINS').toBe(false);
    const done = checkAndComplete(file, runId);
    console.log(`killed ${delayMs} ms after the first save: ${done} of ${DOMAINS} had been saved`);
  });

  it('rolls back a save killed inside its transaction', async () => {
    const { file, runId } = newEstateFile();
    // Domain 8 has at least three findings, so its save reaches the trigger.
    const { finished } = await runWriter(file, runId, { dieAfter: 7 });
    expect(finished).toBe(false);
    expect(checkAndComplete(file, runId)).toBe(7);
  });
});
