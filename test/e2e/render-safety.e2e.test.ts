/**
 * The renderer facing untrusted or unexpected data, in Debian's Chromium over the real backend in its own
 * process, as in the app (backend-child.ts; no lab, no audit is run): an imported file whose columns are called
 * "__proto__", "constructor" and "toString" (once a blank window), a file with more tag columns than a screen
 * can show, and a screen that fails to render, which must show an error panel with the sidebar still working
 * instead of a blank window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HAVE_CHROMIUM, launchChromium } from './chromium';
import { MAX_TAG_COLUMNS } from '../../shared/tags';
import type { Backend } from '../../electron/handlers';
import { openDatabase } from '../../electron/store/db';
import { createRun } from '../../electron/store/runs';
import { DEFAULT_SETTINGS } from '../../shared/types';
import { ensureRendererBuilt } from './renderer-build';
import { serveStatic } from './static-server';
import { installBridge, pageEmitter } from './bridge';
import { startChildBackend } from './backend-child';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/e2e');

describe.skipIf(!HAVE_CHROMIUM)('renderer safety', () => {
  let tmp: string;
  let backend: Backend;
  /** What the bridge talks to: the real backend, or a stand-in for one request. */
  let current: Backend;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  let page: Page;
  let nextOpen = '';
  const pageErrors: string[] = [];

  const sidebar = (label: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click();
  const openFile = async (file: string) => {
    nextOpen = file;
    await sidebar('New audit');
    const another = page.getByRole('button', { name: 'Choose another file' });
    if (await another.count()) await another.click();
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('heading', { name: path.basename(file) }).waitFor();
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const rendererDir = ensureRendererBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-render-'));
    ({ backend } = await startChildBackend({
      db: path.join(tmp, 'audits.sqlite'),
      settings: path.join(tmp, 'settings.json'),
      dialogs: { openFile: async () => nextOpen, saveFile: async (name) => path.join(tmp, name) },
      showItem: () => {},
      emit: pageEmitter(() => page),
    }));
    current = backend;
    server = await serveStatic(rendererDir);
    let context: BrowserContext;
    ({ browser, context } = await launchChromium());
    await installBridge(context, () => current);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'No audits yet' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await backend?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('previews an import whose columns are named after Object.prototype members', async () => {
    const csv = path.join(tmp, 'prototype.csv');
    fs.writeFileSync(csv, 'Domain,__proto__,constructor,toString,Owner\na.example.com,p1,c1,t1,ops\nb.example.com,,,,web\nc.example.com,p3,,,\n');
    await openFile(csv);
    const table = page.getByRole('table', { name: 'Imported rows' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const head = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
    expect(head.slice(-4)).toEqual(['__proto__', 'constructor', 'toString', 'Owner']);
    const cells = async (row: number) => (await table.locator('tbody tr').nth(row).locator('td').allInnerTexts()).slice(-4).map((t) => t.trim());
    expect(await cells(0)).toEqual(['p1', 'c1', 't1', 'ops']);
    // Empty where the row has no such tag: not "function Object() { [native code] }", not a blank window.
    expect(await cells(1)).toEqual(['', '', '', 'web']);
    expect(await cells(2)).toEqual(['p3', '', '', '']);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'safety-01-prototype-tags.png') });
  });

  it('shows the first tag columns of a very wide file and says how many more there are', async () => {
    const extra = MAX_TAG_COLUMNS + 50;
    const names = Array.from({ length: extra }, (_, i) => `col${i}`);
    const csv = path.join(tmp, 'wide.csv');
    fs.writeFileSync(csv, `Domain,${names.join(',')}\nwide.example.com,${names.map((n) => `v-${n}`).join(',')}\n`);
    await openFile(csv);
    const table = page.getByRole('table', { name: 'Imported rows' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('thead th').count()).toBe(3 + MAX_TAG_COLUMNS);
    await page.getByText(`Showing the first ${MAX_TAG_COLUMNS} tag columns; 50 more are kept with the audit`).waitFor();
  });

  it('cuts a long domain name in the Last audited tile with an ellipsis at 1024×700, the full name on hover', async () => {
    // The longest a host name can be (RFC 1035 §2.3.4: 253 characters), as the live tile would show it.
    const label = 'a-very-long-label-of-the-sixty-three-characters-a-dns-label-allows';
    const long = `${label.slice(0, 63)}.${label.slice(0, 63)}.${label.slice(0, 63)}.${label.slice(0, 57)}.example`.slice(0, 253);
    // The backend process owns the store; a second connection to its file (WAL) writes the run it will show.
    const db = openDatabase(path.join(tmp, 'audits.sqlite'));
    const info = createRun(db, { name: 'Long names', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'system resolvers', domains: [{ input: long, domain: long, tags: {} }, { input: 'b.example', domain: 'b.example', tags: {} }] });
    db.close();
    // The run shown as running in this process, with a progress event naming the long domain.
    current = {
      ...backend,
      dispatch: async (channel, input) => {
        const reply = await backend.dispatch(channel, input);
        return channel === 'run:get' && reply.ok ? { ok: true, value: { ...(reply.value as object), state: 'running', active: true } } : reply;
      },
    };
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`${server.url}#/run/${info.id}`);
    await page.getByRole('heading', { name: 'Long names' }).waitFor();
    const emit = pageEmitter(() => page);
    const tile = page.locator('dd.last-domain');
    await expect.poll(async () => {
      emit('run:progress', { runId: info.id, progress: {
        done: 1, total: 2, doneThisSession: 1, ratePerSec: 0.0123, etaSec: 36_000, elapsedMs: 81_000_000, postureCounts: { enforce: 1 }, outcomeCounts: { protected: 1 },
        severityCounts: {}, last: { domain: long, posture: 'enforce', outcome: 'protected' }, inFlightCount: 1, inFlight: [], etaRangeSec: [30_000, 52_000],
      } });
      return tile.locator('.mono').getAttribute('title');
    }).toBe(long);
    const fit = await page.evaluate<{ cut: boolean; overflow: number[] }>(`(() => {
      const name = document.querySelector('dd.last-domain .mono');
      const stats = document.querySelector('.stats').getBoundingClientRect();
      // Every tile and every value inside the row of tiles, and nothing past the window's right edge.
      const overflow = [...document.querySelectorAll('.stats > div, .stats dd')].map((e) => Math.round(e.getBoundingClientRect().right - stats.right)).filter((d) => d > 0);
      if (document.documentElement.scrollWidth > innerWidth) overflow.push(document.documentElement.scrollWidth - innerWidth);
      return { cut: name.scrollWidth > name.clientWidth && getComputedStyle(name).textOverflow === 'ellipsis', overflow };
    })()`);
    expect(fit.cut).toBe(true);
    expect(fit.overflow).toEqual([]);
    // The outcome badge beside the name stays whole.
    expect(await tile.locator('.badge').isVisible()).toBe(true);
    // A slow run's rate is not shown as a stalled "0/s": 0.0123 domains a second is 44.3 an hour.
    expect(await page.locator('.stats > div').filter({ hasText: 'Rate' }).locator('dd').innerText()).toBe('44.3/h');
    await page.screenshot({ path: path.join(SHOTS, 'safety-03-long-last-audited-1024x700.png') });
    current = backend;
    await page.setViewportSize({ width: 1280, height: 800 });
    // The next test expects an empty audit list.
    const deleted = await backend.handlers['run:delete']({ runId: info.id });
    expect(deleted.ok).toBe(true);
  });

  it('shows an error panel, not a blank window, when a screen fails to render, and recovers elsewhere', async () => {
    // A reply the audits screen cannot render: a name that is an object (React refuses objects as text).
    current = {
      ...backend,
      dispatch: async (channel, input) => channel === 'run:list'
        ? { ok: true, value: [{ id: 7, name: { not: 'a string' }, state: 'completed', total: 1, done: 1, createdAt: '2026-01-01T00:00:00.000Z', postureCounts: {}, severityCounts: {} }] }
        : backend.dispatch(channel, input),
    };
    await sidebar('Audits');
    const panel = page.getByRole('alert').filter({ hasText: 'This screen could not be shown' });
    await panel.waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'safety-02-error-panel.png') });

    // Another screen replaces the failed one; and with good data again, "Try again" shows the audits.
    await sidebar('Settings');
    await page.getByRole('textbox', { name: 'Auditor name' }).waitFor();
    expect(await panel.count()).toBe(0);
    await sidebar('Audits');
    await panel.waitFor();
    current = backend;
    await panel.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'No audits yet' }).waitFor();
    expect(pageErrors.filter((e) => !/Objects are not valid as a React child/.test(e))).toEqual([]);
  });
});
