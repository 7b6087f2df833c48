/**
 * The IPC boundary without Electron: every contract channel has a handler, malformed requests are refused
 * with BAD_REQUEST and a message naming the field, files are only read, written or revealed when the user
 * chose them in a dialog, and the shell's security rules (CSP, URL allow-lists) hold.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { EVENT_NAMES, isEventName, isRequestName, REQUEST_NAMES, requests, type Reply } from '../../shared/ipc';
import * as ipcNames from '../../shared/ipc-names';
import { createBackend, createFileSettingsStore, createMemorySettingsStore, type Backend } from '../../electron/handlers';
import { openDatabase } from '../../electron/store/db';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl } from '../../electron/app/security';
import { newRun, savePending } from '../store/helpers';
import { rawZip } from '../io/bundle/raw-zip';

let tmp: string;
let db: Database.Database;
let backend: Backend;
const shown: string[] = [];
const events: { event: string; payload: unknown }[] = [];
let nextOpen: string | undefined;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-handlers-'));
  db = openDatabase(path.join(tmp, 'audits.sqlite'));
  backend = createBackend({
    db,
    dialogs: { openFile: async () => nextOpen, saveFile: async (name) => path.join(tmp, name) },
    showItem: (p) => shown.push(p),
    emit: (event, payload) => events.push({ event, payload }),
    settingsStore: createMemorySettingsStore(),
  });
});

afterAll(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function refused(reply: Reply<unknown>, code: string, mentions?: RegExp): void {
  expect(reply.ok).toBe(false);
  if (reply.ok) return;
  expect(reply.error.code).toBe(code);
  if (mentions) expect(reply.error.message).toMatch(mentions);
}

describe('contract', () => {
  it('has one validating handler per request channel', () => {
    expect(Object.keys(backend.handlers).sort()).toEqual([...REQUEST_NAMES].sort());
    for (const name of REQUEST_NAMES) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('recognises only its own names, not inherited object keys', () => {
    expect(isRequestName('run:list')).toBe(true);
    for (const bad of ['__proto__', 'toString', 'constructor', 'runs:drop', '', 42, null]) expect(isRequestName(bad)).toBe(false);
    expect(EVENT_NAMES.every(isEventName)).toBe(true);
    expect(isEventName('run:progres')).toBe(false);
  });

  it('keeps the zod-free name lists (what the preload checks) in step with the schemas', () => {
    expect([...ipcNames.REQUEST_NAMES].sort()).toEqual(Object.keys(requests).sort());
    expect(REQUEST_NAMES).toBe(ipcNames.REQUEST_NAMES);
    expect(EVENT_NAMES).toBe(ipcNames.EVENT_NAMES);
  });

  it('gives the sandboxed preload the name lists only, not the zod schemas', () => {
    const preload = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/app/preload.ts'), 'utf8');
    const runtimeImports = [...preload.matchAll(/^import (?!type )[^;]* from '([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(['../../shared/ipc-names', 'electron']);
    const names = fs.readFileSync(path.resolve(import.meta.dirname, '../../shared/ipc-names.ts'), 'utf8');
    expect(names).not.toMatch(/^import /m);
  });

  it('refuses unknown channels', async () => {
    refused(await backend.dispatch('fs:readFile', { path: '/etc/passwd' }), 'UNKNOWN_CHANNEL', /no such request/);
    refused(await backend.dispatch('__proto__', {}), 'UNKNOWN_CHANNEL');
  });
});

describe('input validation', () => {
  const cases: [string, unknown, RegExp][] = [
    ['run:get', { runId: 'one' }, /runId/],
    ['run:get', { runId: 0 }, /runId/],
    ['run:get', { runId: 1.5 }, /runId/],
    ['run:get', 'runs', /request/],
    ['run:get', { runId: 1, extra: true }, /extra/],
    ['run:compare', { runA: 1 }, /runB/],
    ['run:start', { name: 'x', concurrency: 4, settings: {} }, /token/],
    ['run:start', { token: 't', name: '   ', concurrency: 4, settings: {} }, /name/],
    ['run:start', { token: 't', name: 'x', concurrency: 0, settings: {} }, /concurrency/],
    ['run:start', { token: 't', name: 'x', concurrency: 4, settings: { evil: 1 } }, /evil/],
    ['run:start', { token: 't', name: 'x', concurrency: 4, settings: { resolvers: ['1.1.1.1; rm -rf /'] } }, /resolvers/],
    ['run:start', { token: 't', name: 'x', concurrency: 4, settings: { smtpPort: 70000 } }, /smtpPort/],
    ['run:start', { token: 't', name: 'x', concurrency: 4, settings: { extraCaPem: 'not a certificate' } }, /extraCaPem/],
    ['result:list', { runId: 1, offset: 0, limit: 100_000 }, /limit/],
    ['result:list', { runId: 1, offset: 0, limit: 10, posture: 'great' }, /posture/],
    ['result:list', { runId: 1, offset: 0, limit: 10, code: 'x; DROP TABLE runs' }, /code/],
    ['result:list', { runId: 1, offset: 0, limit: 10, sort: 'rowid' }, /sort/],
    ['import:preview', { source: { kind: 'url', url: 'https://example.com' } }, /source/],
    ['import:preview', { source: { kind: 'bytes', name: 'a.csv', bytes: 'aGVsbG8=' } }, /bytes/],
    ['dialog:saveFile', { defaultName: '../../.bashrc' }, /defaultName/],
    ['export:pdf', { runId: 1, path: '/tmp/x.pdf' }, /summaryOnly/],
    ['settings:set', { auditorName: 'x'.repeat(500) }, /auditorName/],
    ['settings:set', { audit: { dnsTimeoutMs: -1 } }, /dnsTimeoutMs/],
    ['settings:set', { audit: { dnsQps: 0 } }, /dnsQps/],
    ['settings:set', { audit: { dnsQps: 1.5 } }, /dnsQps/],
    ['domain:get', { runId: 1 }, /either runDomainId or domain/],
    ['domain:get', { runId: 1, runDomainId: 3, domain: 'example.com' }, /either runDomainId or domain/],
    ['domain:get', { runId: 1, runDomainId: 0 }, /runDomainId/],
    ['domain:get', { runId: 1, runDomainId: 2.5 }, /runDomainId/],
    ['domain:get', { runId: 1, runDomainId: '7' }, /runDomainId/],
    ['domain:get', { runId: 1, domain: '' }, /domain/],
    ['domain:get', { runId: 1, domain: 'x'.repeat(400) }, /domain/],
    ['import:preview', { source: { kind: 'token', token: 't' }, sheet: 'x'.repeat(300) }, /sheet/],
    ['import:preview', { source: { kind: 'token', token: 't' }, sheet: 3 }, /sheet/],
    ['settings:set', { audit: { extraCaPem: 'my company CA' } }, /extraCaPem: extra CA must be PEM/],
    ['settings:set', { audit: { extraCaPem: 'x'.repeat(600_000) } }, /extraCaPem/],
    ['settings:set', { audit: { allowPrivate: 'yes' } }, /allowPrivate/],
    ['settings:set', { audit: { ehloName: 'bad name!' } }, /ehloName: EHLO name is a host name or an address literal/],
    ['settings:set', { audit: { dnssecControlName: 'corp example' } }, /dnssecControlName: DNSSEC control name must be/],
    ['settings:set', { audit: { dnssecControlName: '' } }, /dnssecControlName/],
    ['run:start', { token: 't', name: 'x', concurrency: 4, settings: { dnssecControlName: '<script>' } }, /dnssecControlName/],
    ['settings:set', { audit: { smtpPerIpConcurrency: 0 } }, /smtpPerIpConcurrency/],
    ['settings:set', { audit: { httpsPerIpConcurrency: 1000 } }, /httpsPerIpConcurrency/],
    ['settings:set', { audit: { smtpReplyTimeoutMs: 50 } }, /smtpReplyTimeoutMs/],
    ['run:start', { token: 't', name: 'x', concurrency: 4, settings: { ehloName: '<script>' } }, /ehloName/],
  ];

  it.each(cases)('%s refuses %j', async (channel, input, mentions) => {
    const reply = await backend.dispatch(channel, input);
    refused(reply, 'BAD_REQUEST', mentions);
    if (!reply.ok) expect(reply.error.message.startsWith(`${channel}:`)).toBe(true);
  });

  it('accepts a missing input for channels without parameters', async () => {
    const reply = await backend.dispatch('run:list', undefined);
    expect(reply).toEqual({ ok: true, value: [] });
  });
});

describe('files only through dialogs', () => {
  it('refuses to import a path the user did not choose', async () => {
    refused(await backend.dispatch('import:preview', { source: { kind: 'path', path: '/etc/passwd' } }), 'PATH_NOT_ALLOWED');
  });

  it('imports a chosen file and keeps its rows under a token', async () => {
    const csv = path.join(tmp, 'estate.csv');
    fs.writeFileSync(csv, 'domain,owner\nexample.com,alice\nmailto:bob@example.org,bob\nnot a domain,carol\n');
    nextOpen = csv;
    const picked = await backend.dispatch('dialog:openFile', {});
    expect(picked).toEqual({ ok: true, value: { path: csv } });
    const reply = await backend.handlers['import:preview']({ source: { kind: 'path', path: csv } });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value.token).toMatch(/[0-9a-f-]{36}/);
    expect(reply.value.domainColumn).toBe('domain');
    expect(reply.value.rows.map((r) => r.domain)).toContain('example.com');
    expect(reply.value.rejectCount).toBeGreaterThan(0);
  });

  it('verifies a bundle only when chosen in the open dialog, and answers a refused ZIP with the reason', async () => {
    refused(await backend.dispatch('bundle:verify', { path: '/etc/passwd' }), 'PATH_NOT_ALLOWED');
    const hostile = path.join(tmp, 'hostile.zip');
    fs.writeFileSync(hostile, rawZip([{ name: '../evil.txt', data: Buffer.from('x') }]));
    nextOpen = hostile;
    await backend.dispatch('dialog:openFile', {});
    expect(await backend.dispatch('bundle:verify', { path: hostile })).toEqual({
      ok: true, value: { ok: false, bundle: 'hostile.zip', refused: 'hostile.zip is refused: the entry "../evil.txt" has a ".." step out of its folder' },
    });
    const unsigned = path.join(tmp, 'unsigned.zip');
    const readme = Buffer.from('hello\n');
    fs.writeFileSync(unsigned, rawZip([{ name: 'README.txt', data: readme }, { name: 'manifest.sha256', data: Buffer.from(`${createHash('sha256').update(readme).digest('hex')}  README.txt\n`) }]));
    nextOpen = unsigned;
    await backend.dispatch('dialog:openFile', {});
    const reply = await backend.handlers['bundle:verify']({ path: unsigned });
    expect(reply.ok && reply.value).toMatchObject({ ok: false, signature: 'missing', files: [{ name: 'README.txt', status: 'ok' }] });
    expect(reply.ok && 'problems' in reply.value && reply.value.problems).toContain('manifest.sig is missing: the manifest is not signed');
  });

  it('reads dropped bytes', async () => {
    const bytes = new TextEncoder().encode('domain\nexample.net\n');
    const reply = await backend.handlers['import:preview']({ source: { kind: 'bytes', name: 'dropped.csv', bytes } });
    expect(reply.ok && reply.value.rows.map((r) => r.domain)).toEqual(['example.net']);
  });

  it('refuses a file with no domain to audit at import, so no audit can be started from it', async () => {
    const before = (await backend.handlers['run:list']({})) as Reply<unknown[]>;
    for (const text of ['domain,owner\n', 'domain,owner\nnot a domain,alice\n=A1,bob\n']) {
      const reply = await backend.dispatch('import:preview', { source: { kind: 'bytes', name: 'nothing.csv', bytes: new TextEncoder().encode(text) } });
      refused(reply, 'IMPORT_FAILED', /^could not read nothing\.csv: no domains to audit: /);
    }
    const count = (n: Reply<unknown[]>) => (n.ok ? n.value.length : -1);
    const after = db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
    expect(after.n).toBe(count(before));
  });

  it('refuses an unknown import token', async () => {
    refused(await backend.dispatch('run:start', { token: 'nope', name: 'x', concurrency: 2, settings: {} }), 'EXPIRED');
    refused(await backend.dispatch('import:preview', { source: { kind: 'token', token: 'nope' } }), 'EXPIRED');
  });

  it('writes exports and reveals files only where the user pointed the dialogs', async () => {
    refused(await backend.dispatch('export:workbook', { runId: 1, path: path.join(tmp, 'x.xlsx') }), 'PATH_NOT_ALLOWED');
    refused(await backend.dispatch('shell:showItem', { path: '/etc/passwd' }), 'PATH_NOT_ALLOWED');
    const saved = await backend.handlers['dialog:saveFile']({ defaultName: 'report.xlsx' });
    expect(saved).toEqual({ ok: true, value: { path: path.join(tmp, 'report.xlsx') } });
    refused(await backend.dispatch('export:workbook', { runId: 999, path: path.join(tmp, 'report.xlsx') }), 'NOT_FOUND');
    expect(await backend.dispatch('shell:showItem', { path: path.join(tmp, 'report.xlsx') })).toEqual({ ok: true, value: null });
    expect(shown).toEqual([path.join(tmp, 'report.xlsx')]);
  });

  it('reports runs that do not exist as NOT_FOUND', async () => {
    refused(await backend.dispatch('run:get', { runId: 4242 }), 'NOT_FOUND', /4242/);
    refused(await backend.dispatch('domain:get', { runId: 4242, domain: 'example.com' }), 'NOT_FOUND');
    refused(await backend.dispatch('run:pause', { runId: 4242 }), 'CONFLICT');
    refused(await backend.dispatch('run:compare', { runA: 3, runB: 3 }), 'BAD_REQUEST', /two different/);
  });
});

describe('one result of a run', () => {
  it('opens any row by its entry id, including an input that is no domain and each copy of a domain', async () => {
    const run = newRun(db, ['', 'dup.example', 'dup.example'], 'entries', ['not a domain', 'dup.example', 'ops@dup.example']);
    savePending(db, run.id);
    const list = await backend.handlers['result:list']({ runId: run.id, offset: 0, limit: 10, sort: 'domain' });
    if (!list.ok) throw new Error(list.error.message);
    for (const row of list.value.rows) {
      const one = await backend.handlers['domain:get']({ runId: run.id, runDomainId: row.runDomainId });
      expect(one.ok && one.value.input).toBe(row.input);
    }
    // By name, a domain listed twice answers with its first entry.
    const byName = await backend.handlers['domain:get']({ runId: run.id, domain: 'dup.example' });
    expect(byName.ok && byName.value.input).toBe('dup.example');
    refused(await backend.dispatch('domain:get', { runId: run.id, runDomainId: 999_999 }), 'NOT_FOUND', /row 999999 of audit/);
    refused(await backend.dispatch('domain:get', { runId: 4242, runDomainId: list.value.rows[0]!.runDomainId }), 'NOT_FOUND', /audit 4242/);
  });
});

describe('workbooks with several sheets', () => {
  it('reads every sheet with domains, tells each row\'s sheet, and lists the sheets skipped', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('EU').addRows([['Domain', 'Owner'], ['eu.example', 'ops'], ['not a domain!', 'ops']]);
    book.addWorksheet('US').addRows([['Domain', 'Owner'], ['us.example', 'ops'], ['us2.example', 'ops']]);
    book.addWorksheet('Notes').addRows([['Notes'], ['kick-off on Monday'], ['scope agreed']]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const all = await backend.handlers['import:preview']({ source: { kind: 'bytes', name: 'regions.xlsx', bytes }, sheet: 'all sheets' });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value).toMatchObject({ sheet: 'all sheets', sheets: ['EU', 'US', 'Notes'], rowCount: 3, rejectCount: 1 });
    expect(all.value.rows.map((r) => [r.sheet, r.row, r.domain])).toEqual([['EU', 2, 'eu.example'], ['US', 2, 'us.example'], ['US', 3, 'us2.example']]);
    expect(all.value.rejects[0]).toMatchObject({ sheet: 'EU', row: 3, value: 'not a domain!' });
    expect(all.value.skippedSheets).toEqual([{ sheet: 'Notes', reason: expect.stringMatching(/no column of domains/) }]);
    // The sheet is shown as its own column, not repeated as a tag.
    expect(all.value.tagNames).toEqual(['Owner']);
    // One sheet, chosen again from the same import: no sheet per row, nothing skipped.
    const us = await backend.handlers['import:preview']({ source: { kind: 'token', token: all.value.token }, sheet: 'US' });
    if (!us.ok) throw new Error(us.error.message);
    expect(us.value).toMatchObject({ sheet: 'US', rowCount: 2 });
    expect(us.value.rows.every((r) => r.sheet === undefined)).toBe(true);
    expect(us.value.skippedSheets).toBeUndefined();
    refused(await backend.dispatch('import:preview', { source: { kind: 'token', token: all.value.token }, sheet: 'Asia' }), 'IMPORT_FAILED', /no sheet "Asia"/);
  });
});

describe('settings', () => {
  it('merges partial updates', async () => {
    const a = await backend.handlers['settings:set']({ auditorName: 'Dana Auditor', audit: { smtpProbes: false } });
    expect(a.ok && a.value).toMatchObject({ auditorName: 'Dana Auditor', audit: { smtpProbes: false } });
    const b = await backend.handlers['settings:set']({ audit: { dnsTimeoutMs: 2000 } });
    expect(b.ok && b.value.audit).toEqual({ smtpProbes: false, dnsTimeoutMs: 2000 });
  });

  it('keeps and clears the network settings of a real network', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
    const set = await backend.handlers['settings:set']({ audit: { extraCaPem: pem, allowPrivate: true, ehloName: 'audit.example.net', smtpPerIpConcurrency: 2, httpsPerIpConcurrency: 8, smtpReplyTimeoutMs: 20_000 } });
    expect(set.ok && set.value.audit).toMatchObject({ extraCaPem: pem, allowPrivate: true, ehloName: 'audit.example.net', smtpPerIpConcurrency: 2, httpsPerIpConcurrency: 8, smtpReplyTimeoutMs: 20_000 });
    // An emptied trust anchor field is sent as null and clears the saved one (undefined would keep it).
    const kept = await backend.handlers['settings:set']({ audit: { extraCaPem: undefined } });
    expect(kept.ok && kept.value.audit.extraCaPem).toBe(pem);
    const cleared = await backend.handlers['settings:set']({ audit: { extraCaPem: null } });
    expect(cleared.ok && cleared.value.audit.extraCaPem).toBeUndefined();
  });

  it('persists to a file and ignores a corrupted one', () => {
    const file = path.join(tmp, 'settings.json');
    createFileSettingsStore(file).set({ auditorName: 'Eve', concurrency: 4 });
    expect(createFileSettingsStore(file).get()).toMatchObject({ auditorName: 'Eve', concurrency: 4 });
    fs.writeFileSync(file, '{"auditorName": 12, "audit": {"evil": true}}');
    expect(createFileSettingsStore(file).get()).toEqual({ auditorName: '', concurrency: 16, audit: {} });
  });
});

describe('shell rules', () => {
  it('has a strict content security policy', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('sends only plain https links to the system browser', () => {
    expect(isAllowedExternalUrl('https://www.rfc-editor.org/rfc/rfc8461')).toBe(true);
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'https://user:pw@example.com/', 'not a url', '']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('treats only the built renderer page as the app', () => {
    const page = '/opt/app/out/renderer/index.html';
    const posix = (url: string) => isAppUrl(url, page, { windows: false });
    expect(posix('file:///opt/app/out/renderer/index.html')).toBe(true);
    expect(posix('file:///opt/app/out/renderer/index.html#/results/3')).toBe(true);
    expect(posix('file://localhost/opt/app/out/renderer/index.html')).toBe(true); // the parser drops localhost
    expect(posix('file:///opt/app/out/renderer-evil/index.html')).toBe(false);
    expect(posix('file:///opt/app/out/renderer/other.html')).toBe(false);
    expect(posix('file:///opt/app/out/renderer/../main/main.js')).toBe(false);
    expect(posix('file:///opt/app/out/renderer/x/../index.html')).toBe(true); // the same file, once normalised
    // Encoded separators stay encoded: decoding after normalising once let these through.
    expect(posix('file:///opt/app/out/renderer/..%2F..%2F..%2Fetc/passwd')).toBe(false);
    expect(posix('file:///opt/app/out/renderer/index.html%2F..%2F..%2Fmain.js')).toBe(false);
    expect(posix('file:///opt/app/out/renderer/%69ndex.html')).toBe(false);
    // Another host is another machine's file (a UNC share on Windows), whatever its path.
    expect(posix('file://attacker.example/opt/app/out/renderer/index.html')).toBe(false);
    expect(posix('file:///opt/app/out/renderer/index.html?x=1')).toBe(false);
    expect(posix('file:///etc/passwd')).toBe(false);
    expect(posix('https://evil.example/opt/app/out/renderer/index.html')).toBe(false);
    expect(posix('not a url')).toBe(false);
    // Paths that need escaping compare in their URL form.
    expect(isAppUrl('file:///opt/MTA-STS%20Auditor/r%C3%A9sum%C3%A9/index.html', '/opt/MTA-STS Auditor/résumé/index.html', { windows: false })).toBe(true);
    // Windows paths, and an app run from a UNC share, whose host is then part of the page's address.
    const win = (url: string, p: string) => isAppUrl(url, p, { windows: true });
    expect(win('file:///C:/app/out/renderer/index.html', 'C:\\app\\out\\renderer\\index.html')).toBe(true);
    expect(win('file:///D:/app/out/renderer/index.html', 'C:\\app\\out\\renderer\\index.html')).toBe(false);
    expect(win('file://server/share/app/renderer/index.html', '\\\\server\\share\\app\\renderer\\index.html')).toBe(true);
    expect(win('file://other/share/app/renderer/index.html', '\\\\server\\share\\app\\renderer\\index.html')).toBe(false);
    // Chromium upper-cases the drive letter; Windows paths are case-insensitive anyway.
    expect(win('file:///C:/App/out/renderer/index.html', 'c:\\app\\out\\renderer\\index.html')).toBe(true);
    // Electron's loadFile leaves a % in the path unescaped (url.format), where pathToFileURL writes %25.
    expect(posix('file:///opt/app/out/renderer/index.html')).toBe(true);
    expect(isAppUrl('file:///home/u/100%/app/index.html', '/home/u/100%/app/index.html', { windows: false })).toBe(true);
    expect(isAppUrl('file:///home/u/100%25/app/index.html', '/home/u/100%/app/index.html', { windows: false })).toBe(true);
    expect(win('file:///C:/Users/100%/app/index.html', 'C:\\Users\\100%\\app\\index.html')).toBe(true);
    expect(isAppUrl('file:///home/u/200%/app/index.html', '/home/u/100%/app/index.html', { windows: false })).toBe(false);
  });
});
