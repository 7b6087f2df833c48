/**
 * The backend in its own process, driven as the app's main process drives it: the host module (the one the
 * app starts with utilityProcess.fork) runs as a real Node child; main's client and router talk to it over
 * the message channel. A lab audit is imported as dropped bytes, started, watched through pushed progress
 * events, paused through the close path (the child pauses, closes the store and exits), resumed in a second
 * child over the same SQLite file, and its stored results checked against the lab estate's expectations.
 * Malformed messages are refused in both directions, and a backend that is gone answers BACKEND_UNAVAILABLE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Events, Reply, ResultRow, RunSummary } from '../../shared/ipc';
import { createBackendClient, type BackendClient, type ChildLink } from '../../electron/backend/client';
import { forkBackend } from '../../electron/backend/fork';
import { createMainRouter } from '../../electron/backend/main-router';
import type { Backend } from '../../electron/handlers';
import { openDatabase } from '../../electron/store/db';
import { getRun } from '../../electron/store/runs';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate/index';

/** Lab domains across postures, none of the deliberately slow hosts (as in the e2e test). */
const PICK = [
  'enforce.test', 'testing.test', 'none.test', 'policy-crlf.test', 'absent.test', 'dns-lookup-failed.test', 'multiple-records.test',
  'id-missing.test', 'unknown-field.test', 'host-not-found.test', 'cert-expired.test', 'cert-name-mismatch.test', 'redirect.test',
  'status-404.test', 'content-type-html.test', 'policy-syntax.test', 'policy-mode.test', 'policy-mx-missing.test', 'tlsrpt-syntax.test',
  'null-mx.test', 'nxdomain.test', 'implicit-mx.test', 'mx-not-covered.test', 'mx-none-deliverable.test',
];
const SPECS = PICK.map((name) => ENGINE_DOMAINS.find((d) => d.name === name)!);

type Pushed = { [E in keyof Events]: { event: E; payload: Events[E] } }[keyof Events];

let tmp: string;
let lab: Lab;
let dbFile: string;
let settingsFile: string;

interface Session {
  client: BackendClient;
  router: Backend;
  events: Pushed[];
  opened: string[];
}

/** One backend child and main's end of it, as electron/app/main.ts builds them. */
async function startSession(link: ChildLink = forkBackend({ db: dbFile, settings: settingsFile })): Promise<Session> {
  const events: Pushed[] = [];
  const opened: string[] = [];
  const client = createBackendClient(link, (event, payload) => events.push({ event, payload } as Pushed));
  await client.ready;
  const router = createMainRouter({
    client,
    dialogs: { openFile: async () => undefined, saveFile: async (name) => path.join(tmp, name) },
    showItem: (p) => opened.push(p),
    stopTimeoutMs: 60_000,
  });
  return { client, router, events, opened };
}

function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

/** Resolves with the first pushed event that `match` accepts (already received or still to come). */
async function waitForEvent(s: Session, match: (e: Pushed) => boolean, timeoutMs = 90_000): Promise<Pushed> {
  const t0 = Date.now();
  for (;;) {
    const hit = s.events.find(match);
    if (hit) return hit;
    if (Date.now() - t0 > timeoutMs) throw new Error(`no matching event in ${timeoutMs} ms; got ${s.events.map((e) => e.event).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The host on a raw channel, without main's client, to send what the client never would (or vanish like a crashed main). */
function rawChild() {
  const child = fork(fileURLToPath(new URL('../../electron/backend/host.ts', import.meta.url)), ['--db', dbFile, '--settings', settingsFile], {
    serialization: 'advanced', execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const received: Record<string, unknown>[] = [];
  child.on('message', (m) => received.push(m as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = async (match: (m: Record<string, unknown>) => boolean, timeoutMs = 60_000) => {
    const t0 = Date.now();
    for (;;) {
      const hit = received.find(match);
      if (hit) return hit;
      if (Date.now() - t0 > timeoutMs) throw new Error(`no such message; got ${JSON.stringify(received).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { child, received, next, exited };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-backend-'));
  dbFile = path.join(tmp, 'audits.sqlite');
  settingsFile = path.join(tmp, 'settings.json');
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
}, 120_000);

afterAll(async () => {
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backend process', () => {
  let runId = 0;

  it('audits through the channel, pushes progress, and pauses through the close path', async () => {
    const s = await startSession();
    // The lab's resolver, ports and CA as the saved defaults, through the channel like the Settings view.
    value(await s.router.dispatch('settings:set', { audit: lab.settings }));
    const csv = `Domain,Owner\n${PICK.map((d, i) => `${d},team-${i % 2}`).join('\n')}\n`;
    const preview = value<{ token: string; rowCount: number }>(await s.router.dispatch('import:preview', {
      source: { kind: 'bytes', name: 'estate.csv', bytes: new TextEncoder().encode(csv) },
    }));
    expect(preview.rowCount).toBe(PICK.length);
    // One domain at a time, so the run is still going when the app is closed.
    const run = value<RunSummary>(await s.router.dispatch('run:start', { token: preview.token, name: 'In its own process', concurrency: 1, settings: {} }));
    runId = run.id;
    expect(run.active).toBe(true);
    await waitForEvent(s, (e) => e.event === 'run:progress' && e.payload.runId === runId && e.payload.progress.done >= 3);

    const t0 = Date.now();
    await s.router.stop();
    const elapsed = Date.now() - t0;
    expect(await s.client.exited).toBe(0);
    // Bounded by the domain in flight (lab time-outs of a few seconds), far below the 60 s bound given.
    expect(elapsed).toBeLessThan(30_000);

    const progress = s.events.filter((e): e is Extract<Pushed, { event: 'run:progress' }> => e.event === 'run:progress').map((e) => e.payload.progress);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((p) => p.total === PICK.length)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(s.events.filter((e) => e.event === 'run:state').map((e) => e.payload.state)).toEqual(['running', 'paused']);

    // The store, read directly once the backend is gone: paused (resumable), part done, nothing left "running".
    const db = openDatabase(dbFile);
    try {
      const stored = getRun(db, runId)!;
      expect(stored.state).toBe('paused');
      expect(stored.done).toBeGreaterThanOrEqual(3);
      expect(stored.done).toBeLessThan(PICK.length);
    } finally {
      db.close();
    }
    // After the close path, main answers for a backend that is no longer there.
    const late = await s.router.dispatch('run:list', {});
    expect(late).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
  }, 120_000);

  it('resumes in a new backend process and stores every domain as the lab estate expects', async () => {
    const s = await startSession();
    const before = value<RunSummary>(await s.router.dispatch('run:get', { runId }));
    expect(before).toMatchObject({ state: 'paused', active: false });
    value(await s.router.dispatch('run:resume', { runId, concurrency: 8 }));
    await waitForEvent(s, (e) => e.event === 'run:state' && e.payload.runId === runId && e.payload.state === 'completed');
    const after = value<RunSummary>(await s.router.dispatch('run:get', { runId }));
    expect(after).toMatchObject({ state: 'completed', done: PICK.length, total: PICK.length });

    const { rows, total } = value<{ total: number; rows: ResultRow[] }>(await s.router.dispatch('result:list', { runId, offset: 0, limit: 100 }));
    expect(total).toBe(PICK.length);
    const got = Object.fromEntries(rows.map((r) => [r.domain, { posture: r.posture, codes: [...new Set(r.codes)].sort() }]));
    const want = Object.fromEntries(SPECS.map((d) => [d.name, { posture: d.expect.posture, codes: [...new Set(d.expect.codes)].sort() }]));
    expect(got).toEqual(want);
    // Tags imported from the dropped file survived the pause.
    expect(rows.find((r) => r.domain === 'none.test')?.tags).toEqual({ Owner: 'team-0' });
    expect(await s.client.shutdown(30_000)).toBe('paused');
  }, 120_000);

  it('grants dialog paths in main and passes them on: exports go only where the save dialog pointed', async () => {
    const s = await startSession();
    const refused = await s.router.dispatch('export:workbook', { runId, path: path.join(tmp, 'not-chosen.xlsx') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    const chosen = value<{ path: string }>(await s.router.dispatch('dialog:saveFile', { defaultName: 'estate.xlsx' }));
    const done = value<{ path: string; bytes: number }>(await s.router.dispatch('export:workbook', { runId, path: chosen.path }));
    expect(done.bytes).toBe(fs.statSync(chosen.path).size);
    expect(fs.readFileSync(chosen.path).subarray(0, 2).toString()).toBe('PK');
    // Revealing is main's (it has the desktop), and checked against main's own grants.
    expect(await s.router.dispatch('shell:showItem', { path: path.join(tmp, 'other.pdf') })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    value(await s.router.dispatch('shell:showItem', { path: chosen.path }));
    expect(s.opened).toEqual([chosen.path]);
    // The backend alone never answers a dialog channel: those are main's.
    expect(await s.client.dispatch('dialog:openFile', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await s.client.shutdown(30_000)).toBe('paused');
  }, 60_000);

  it('refuses malformed messages and requests, and keeps answering', async () => {
    const { child, received, next } = rawChild();
    try {
      await next((m) => m.type === 'ready');
      const refusals = () => received.filter((m) => (m as { type?: string }).type === 'refused') as { message: string }[];
      child.send('hello');
      child.send({ type: 'request', channel: 'run:list' }); // no id: nothing to reply to
      await next(() => refusals().length === 2);
      expect(refusals().every((r) => /^malformed message/.test(r.message))).toBe(true);
      child.send({ type: 'request', id: 7, channel: 'run:list', input: {}, extra: true });
      expect(await next((m) => m.id === 7)).toMatchObject({ type: 'reply', reply: { ok: false, error: { code: 'BAD_REQUEST' } } });
      child.send({ type: 'request', id: 8, channel: '__proto__', input: {} });
      expect(await next((m) => m.id === 8)).toMatchObject({ reply: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });
      child.send({ type: 'request', id: 9, channel: 'run:get', input: { runId: -1 } });
      expect(await next((m) => m.id === 9)).toMatchObject({ reply: { ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/runId/) } } });
      child.send({ type: 'grant', kind: 'execute', path: '/etc/passwd' });
      await next(() => refusals().length === 3);
      expect(refusals()[2]!.message).toMatch(/kind/);
      child.send({ type: 'request', id: 10, channel: 'run:list', input: {} });
      const listed = await next((m) => m.id === 10);
      expect(listed).toMatchObject({ type: 'reply', reply: { ok: true } });
      expect((listed.reply as { value: RunSummary[] }).value.map((r) => r.id)).toEqual([runId]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('pauses its audits and exits when main goes away without asking (a crashed main)', async () => {
    const { child, next, exited } = rawChild();
    await next((m) => m.type === 'ready');
    const csv = `Domain\n${PICK.join('\n')}\n`;
    child.send({ type: 'request', id: 1, channel: 'import:preview', input: { source: { kind: 'bytes', name: 'orphan.csv', bytes: new TextEncoder().encode(csv) } } });
    const { token } = ((await next((m) => m.id === 1)).reply as { value: { token: string } }).value;
    child.send({ type: 'request', id: 2, channel: 'run:start', input: { token, name: 'Orphaned', concurrency: 1, settings: {} } });
    const orphan = ((await next((m) => m.id === 2)).reply as { value: RunSummary }).value.id;
    await next((m) => m.type === 'event' && m.event === 'run:progress' && (m.payload as Events['run:progress']).runId === orphan && (m.payload as Events['run:progress']).progress.done >= 1);
    child.disconnect();
    expect(await exited).toBe(0);
    const db = openDatabase(dbFile);
    try {
      const stored = getRun(db, orphan)!;
      expect(stored.state).toBe('paused');
      expect(stored.done).toBeGreaterThanOrEqual(1);
      expect(stored.done).toBeLessThan(PICK.length);
    } finally {
      db.close();
    }
  }, 90_000);

  it('kills a backend that does not pause within the bound, and says so', async () => {
    const posted: unknown[] = [];
    let exit: (code: number | null) => void = () => {};
    let killed = 0;
    const silent: ChildLink = {
      post: (m) => posted.push(m),
      onMessage: () => {},
      onExit: (l) => {
        exit = l;
      },
      kill: () => {
        killed++;
        setTimeout(() => exit(null), 5);
      },
    };
    const client = createBackendClient(silent, () => {});
    const pending = client.dispatch('run:list', {});
    expect(await client.shutdown(200)).toBe('killed');
    expect(killed).toBe(1);
    expect(posted).toEqual([{ type: 'request', id: 1, channel: 'run:list', input: {} }, { type: 'shutdown', id: 2 }]);
    // The request it never answered is not left waiting.
    expect(await pending).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    expect(await client.shutdown(200)).toBe('gone');
  });

  it('drops what a backend sends outside the protocol, and a backend that cannot start says why', async () => {
    const listeners: ((m: unknown) => void)[] = [];
    let exit: (code: number | null) => void = () => {};
    const fake: ChildLink = {
      post: () => {},
      onMessage: (l) => listeners.push(l),
      onExit: (l) => {
        exit = l;
      },
      kill: () => exit(null),
    };
    const events: unknown[] = [];
    const client = createBackendClient(fake, (event, payload) => events.push({ event, payload }));
    for (const m of [null, 'ready?', { type: 'event', event: 'run:unknown', payload: {} }, { type: 'reply', id: 0, reply: { ok: true } }, { type: 'ready', more: 1 }]) listeners.forEach((l) => l(m));
    expect(client.dropped()).toBe(5);
    expect(events).toEqual([]);

    // A reply outside the protocol still ends its request (the window never waits forever); an error's reason
    // (the importer's code, shared/ipc.ts) is part of the protocol and passes.
    const asked = client.dispatch('run:list', {});
    listeners.forEach((l) => l({ type: 'reply', id: 1, reply: { ok: false, error: { code: 'INTERNAL', message: 'm', stack: 'x' } } }));
    expect(await asked).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'the backend answered outside the protocol' } });
    expect(client.dropped()).toBe(6);
    const told = client.dispatch('run:list', {});
    const refusal = { ok: false, error: { code: 'IMPORT_FAILED', message: 'no column holds domains', reason: 'NO_DOMAIN_COLUMN' } };
    listeners.forEach((l) => l({ type: 'reply', id: 2, reply: refusal }));
    expect(await told).toEqual(refusal);

    const broken = forkBackend({ db: tmp, settings: settingsFile }) // a folder, not a database file;
    const c = createBackendClient(broken, () => {});
    await expect(c.ready).rejects.toThrow(/could not start/);
    expect(await c.exited).toBe(1);
    expect(await c.dispatch('run:list', {})).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
  }, 60_000);
});
