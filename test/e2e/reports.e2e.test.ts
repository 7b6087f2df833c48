/**
 * TLS-RPT reports in the desktop UI, driven like a user in Debian's Chromium: the built renderer talks through
 * the stand-in preload to the REAL handlers over a real SQLite file holding a lab audit (real sockets). The
 * user opens the audit's Reports tab (nothing imported yet, and it says so), imports the lab senders' reports
 * folder through the open dialog, reads the estate view (classes, trend, domains with failures), opens a
 * domain's Reports section, and drops a broken file. Screenshots at 1024×700 and 1600×1000 go to
 * test-output/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type Database from 'better-sqlite3';
import { HAVE_CHROMIUM } from './chromium';
import { openAppInChromium, type AppPage } from './app-page';
import { createBackend, createMemorySettingsStore, type Backend } from '../../electron/handlers';
import { openDatabase } from '../../electron/store/db';
import { auditLabInto, INBOX_REPORTS, writeInbox, type AuditedLab } from '../lab/tlsrpt-inbox';
import { pageEmitter } from './bridge';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/e2e');
const SIZES = [[1024, 700], [1600, 1000]] as const;

describe.skipIf(!HAVE_CHROMIUM)('TLS-RPT reports in the app', () => {
  let tmp: string;
  let inbox: string;
  let audited: AuditedLab;
  let db: Database.Database;
  let backend: Backend;
  let app: AppPage | undefined;
  let url: string;
  let page: Page;

  /** One screenshot per size, of the whole page (or of one section, for a long page). */
  const shots = async (name: string, section?: string) => {
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(150);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - innerWidth');
      expect(overflow, `${name} at ${w}×${h}: nothing cut at the right`).toBeLessThanOrEqual(0);
      const file = path.join(SHOTS, `reports-${name}-${w}x${h}.png`);
      if (section) {
        await page.locator(section).screenshot({ path: file });
        continue;
      }
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: file, fullPage: true });
    }
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-e2e-reports-'));
    const dbFile = path.join(tmp, 'audits.sqlite');
    audited = await auditLabInto(dbFile);
    inbox = path.join(tmp, 'inbox');
    writeInbox(inbox, audited.results);
    db = openDatabase(dbFile);
    backend = createBackend({
      db,
      dialogs: { openFile: async () => undefined, saveFile: async () => undefined, openReports: async () => [inbox] },
      showItem: () => {},
      emit: pageEmitter(() => page),
      settingsStore: createMemorySettingsStore(),
    });
    app = await openAppInChromium(() => backend);
    ({ page, url } = app);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await backend?.stop();
    db?.close();
    await audited?.lab.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('says plainly that no report has been imported yet', async () => {
    await page.goto(`${url}#/run/${audited.runId}`);
    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('button', { name: 'Reports' }).click();
    await page.getByText('No TLS-RPT report has been imported yet.').waitFor();
    expect(await page.getByRole('list', { name: 'Mail hosts per comparison' }).count()).toBe(0);
    await shots('empty');
  });

  it('imports the folder chosen in the dialog and shows the estate next to the reports', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Import a folder…' }).click();
    await page.getByText(`${INBOX_REPORTS} reports read: ${INBOX_REPORTS} added, 0 already stored; 0 rejected`).waitFor();
    const tiles = page.getByRole('list', { name: 'Mail hosts per comparison' });
    await tiles.waitFor();
    const view = await backend.handlers['reports:estate']({ runId: audited.runId });
    if (!view.ok) throw new Error(view.error.message);
    // The tiles show the backend's counts, in the shared words, worst news first.
    expect(await tiles.locator('.corr-name').allInnerTexts()).toEqual(['not predicted', 'agrees', 'not observed', 'healthy']);
    expect(await tiles.locator('.corr-count').allInnerTexts()).toEqual(['observed-not-predicted', 'agrees', 'predicted-not-observed', 'healthy'].map((k) => String(view.value.classCounts[k as 'agrees'])));
    expect(view.value.classCounts.agrees).toBe(3);
    const failing = page.getByRole('table', { name: 'Domains with reported failures' });
    expect(await failing.locator('tbody tr td:first-child').allInnerTexts()).toEqual(['mx-undeliverable.test', 'host-not-found.test', 'starttls-expired.test', 'testing.test']);
    expect(await failing.locator('tbody tr').first().innerText()).toContain('1,308');
    expect(await failing.innerText()).toContain('mx9.testing.test: not an MX the audit found — 12 failed sessions of starttls-not-supported from 1 sender (192.0.2.10)');
    // The trend: one bar group per day of the 30-day period, the worst day named for screen readers.
    const chart = page.getByRole('img', { name: /^Sessions per day over the audited domains/ });
    expect(await chart.getAttribute('aria-label')).toMatch(/1,720 failed sessions over 31 days, most on \d{4}-\d\d-\d\d \(1,233\)/);
    expect(await chart.locator('g').count()).toBe(31);
    expect(await chart.locator('rect.trend-failed').count()).toBe(view.value.trend.filter((d) => d.failed > 0).length);
    expect(view.value.trend.filter((d) => d.failed > 0)).toHaveLength(4);
    expect(await page.getByRole('list', { name: 'Failed sessions by result type' }).locator('li').first().innerText()).toMatch(/certificate-host-mismatch\s+1,308/);
    await page.getByText('elsewhere.example: 1 report, 5 ok, 0 failed').waitFor();
    await shots('estate');
  });

  it('opens a domain: its Reports section puts each mail host next to what senders reported', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('table', { name: 'Domains with reported failures' }).getByRole('button', { name: 'mx-undeliverable.test' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Reports' }).click();
    const table = page.getByRole('table', { name: "Audit prediction and senders' reports per mail host" });
    await table.waitFor();
    const bad = table.locator('tr.corr-row[data-class="agrees"]');
    expect(await bad.locator('td').first().innerText()).toBe('badcert.provider.test');
    expect(await bad.locator('.badge').innerText()).toBe('agrees');
    expect(await bad.innerText()).toContain('MX certificate does not match the MX host name');
    expect(await bad.innerText()).toContain('1,308 failed sessions of certificate-host-mismatch from 3 senders');
    expect(await page.locator('#sec-reports').innerText()).toMatch(/3 reports in the last 30 days .*: 0 successful sessions, 1,308 failed|3 reports in the last 30 days/);
    await shots('domain', '#sec-reports');

    // A surprise: the sending MTA, the reporter and the day are shown.
    await page.goto(`${url}#/domain/${audited.runId}/testing.test`);
    await page.getByRole('heading', { name: "Senders' reports (TLS-RPT)" }).waitFor();
    const surprise = page.locator('tr.corr-row[data-class="observed-not-predicted"]');
    await surprise.waitFor();
    expect(await surprise.innerText()).toMatch(/mx9\.testing\.test\s+not found by the audit/);
    expect(await surprise.innerText()).toMatch(/sending MTAs 192\.0\.2\.10 · reported by Mail Giant Inc\. · on \d{4}-\d\d-\d\d · at 203\.0\.113\.9/);
    await page.locator('#sec-reports').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'reports-domain-surprise.png') });

    // A domain without reports says so.
    await page.goto(`${url}#/domain/${audited.runId}/absent.test`);
    await page.getByText('No imported TLS-RPT report covers absent.test in the last 30 days').waitFor();
  });

  it('takes dropped files: a broken one is named with its reason, a folder is sent to the folder button', async () => {
    await page.goto(`${url}#/reports/${audited.runId}`);
    await page.getByTestId('report-drop').waitFor();
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{"organization-name": 1}'], 'bad.json', { type: 'application/json' }));
      dt.items.add(new File([], 'a-folder'));
      document.querySelector('[data-testid="report-drop"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    await page.getByText('0 reports read: 0 added, 0 already stored; 1 rejected').waitFor();
    expect(await page.getByRole('list', { name: 'Rejected files' }).innerText()).toMatch(/^bad\.json: not an RFC 8460 report: organization-name/);
    // A folder cannot travel as bytes: the user is sent to the button that reads folders.
    await page.getByText('A folder (or an empty file) cannot be dropped: use "Import a folder…" for folders.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'reports-drop-rejected.png') });
  });
});
