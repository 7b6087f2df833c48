/**
 * The desktop UI end to end, driven like a user in Debian's Chromium: the built renderer talks through a
 * stand-in preload to the REAL backend, in its own process as in the app (main's router here, the backend host
 * in a child: backend-child.ts), over a real SQLite file and the loopback lab estate. Import a CSV,
 * watch the audit finish, filter the results, open a domain, export, audit again (the second import is a
 * dropped file), compare and open a change; import every sheet of a workbook; open rows that are no domain
 * or a domain listed twice; change the network settings; pause and resume the whole estate; see clear
 * errors for a file without domains and a failed export. A screenshot of every view goes to test-output/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM } from './chromium';
import { openAppInChromium, type AppPage } from './app-page';
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Backend } from '../../electron/handlers';
import { openDatabase } from '../../electron/store/db';
import { catalogueEntry, severityRank, type FindingCode } from '../../shared/findings';
import { plainText } from '../../shared/plain-language';
import { OUTCOME_LABEL } from '../../shared/outcome';
import { CHANGE_CLASS_LABEL } from '../../shared/changes';
import { startNewRun } from '../../electron/run-service';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate/index';
import { policyBody } from '../../electron/lab/estate/spec';
import { pageEmitter } from './bridge';
import { startChildBackend } from './backend-child';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/e2e');

/**
 * expect.poll with room for a busy machine: every request crosses to the backend process and back, so the page's
 * answer can take longer than vitest's default second to show when the machine is loaded. What is asserted is unchanged.
 */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

/** 32 lab domains across postures and outcomes; the deliberately slow policy hosts are left out to keep the run short. */
const PICK = [
  'enforce.test', 'testing.test', 'none.test', 'bücher.test', 'policy-crlf.test', 'absent.test', 'dns-lookup-failed.test',
  'multiple-records.test', 'id-missing.test', 'unknown-field.test', 'host-not-found.test', 'cert-expired.test',
  'cert-name-mismatch.test', 'redirect.test', 'status-404.test', 'content-type-html.test', 'cert-expiring.test',
  'policy-syntax.test', 'policy-mode.test', 'policy-max-age-short.test', 'policy-mx-missing.test', 'policy-mx-broad.test',
  'policy-whitespace.test', 'tlsrpt-syntax.test', 'tlsrpt-rua-missing.test', 'null-mx.test', 'nxdomain.test',
  'implicit-mx.test', 'mx-not-covered.test', 'mx-undeliverable.test', 'mx-none-deliverable.test', 'dane-mtasts-conflict.test',
];

describe.skipIf(!HAVE_CHROMIUM)('desktop app end to end', () => {
  let tmp: string;
  let lab: Lab;
  let db: Database.Database;
  let backend: Backend;
  let app: AppPage | undefined;
  let url: string;
  let page: Page;
  let csvPath: string;
  let domains: string[];
  const shown: string[] = [];
  /** What the next open / save dialog answers (else the estate CSV / a file in tmp). */
  let nextOpen: string | undefined;
  let nextSave: string | undefined;

  const shot = async (name: string, fullPage = false) => {
    // A full-page capture of a scrolled window shows the sticky sidebar mid-page: capture from the top.
    if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  };
  const grid = (name: string) => page.getByRole('grid', { name });
  /**
   * Domain cells of the results rows in the DOM that are cut off, and time cells that wrap: what must not
   * happen at 1280×800. (A string: it runs in the page, and this file is type-checked without the DOM lib.)
   */
  const clippedCells = () => page.evaluate<string[]>(`[...document.querySelectorAll('[aria-label="Results"] .vtable-row')].flatMap((row) => {
    const cells = [...row.children].map((c) => c.firstElementChild);
    const [domain, time] = [cells[0], cells[cells.length - 1]];
    const out = [];
    if (domain && domain.scrollWidth > domain.clientWidth) out.push('domain ' + domain.textContent);
    if (time && time.getBoundingClientRect().height > 20) out.push('time wraps: ' + time.textContent);
    return out;
  })`);
  /** An attribute of the focused element (a string expression: the page has the DOM, this file does not). */
  const focused = (attr: string) => page.evaluate<string | null>(`document.activeElement?.getAttribute(${JSON.stringify(attr)}) ?? null`);
  /** The row of the results grid whose domain cell shows `text`. */
  const resultRow = (text: string) => grid('Results').getByRole('row').filter({ has: page.getByText(text, { exact: true }) });
  const sidebar = (label: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click();
  const tableCount = () => page.locator('.table-count').first().innerText();

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-e2e-'));
    lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
    domains = PICK.filter((n) => ENGINE_DOMAINS.some((d) => d.name === n));
    csvPath = path.join(tmp, 'estate.csv');
    const lines = ['Domain,Owner,Region', ...domains.map((d, i) => `${d},team-${i % 3},${i % 2 ? 'EU' : 'US'}`), 'not a domain!,team-x,EU', 'http://,team-y,US'];
    fs.writeFileSync(csvPath, `${lines.join('\n')}\n`);
    const dbFile = path.join(tmp, 'audits.sqlite');
    ({ backend } = await startChildBackend({
      db: dbFile,
      settings: path.join(tmp, 'settings.json'),
      dialogs: {
        openFile: async () => nextOpen ?? csvPath,
        saveFile: async (name) => nextSave ?? path.join(tmp, name),
      },
      showItem: (p) => shown.push(p),
      emit: pageEmitter(() => page),
      // The lab's resolver, ports and CA arrive as the saved defaults for new audits.
      initial: { auditorName: 'E2E Auditor', concurrency: 12, audit: lab.settings },
    }));
    // The test's own connection, for runs it sets up directly (the backend holds another: SQLite WAL, as the CLI beside the app).
    db = openDatabase(dbFile);
    app = await openAppInChromium(() => backend);
    ({ page, url } = app);
    await page.goto(url);
  }, 120_000);

  // A failed step leaves what the page showed: a screenshot (test-output/e2e/FAILED-*.png) and where it was.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    const name = ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-');
    await page.screenshot({ path: path.join(SHOTS, `FAILED-${name}.png`), fullPage: true }).catch(() => undefined);
    const where = await page.evaluate<string>("location.hash + ' | h1: ' + (document.querySelector('h1')?.textContent ?? '-') + ' | focus: ' + (document.activeElement?.tagName ?? '-')").catch((e: unknown) => String(e));
    console.error(`failed "${ctx.task.name}": the page was at ${where}`);
  });

  afterAll(async () => {
    await app?.close();
    await backend?.stop();
    db?.close();
    await lab?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function waitForCompletion(): Promise<void> {
    await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 120_000, interval: 250 }).toBe('100');
    await page.getByText('Completed', { exact: true }).first().waitFor({ timeout: 30_000 });
    // Let the progress bar's 0.3 s transition finish before a screenshot.
    await page.waitForTimeout(400);
  }

  it('starts on an empty audit list', async () => {
    await page.getByRole('heading', { name: 'No audits yet' }).waitFor();
    await shot('01-audits-empty');
  });

  it('imports a CSV through the open dialog and shows rows, rejects and tags', async () => {
    await sidebar('New audit');
    await page.getByText('Drop a CSV or Excel file here').waitFor();
    await shot('02-import-empty');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('heading', { name: 'estate.csv' }).waitFor();
    const imported = page.getByRole('table', { name: 'Imported rows' });
    await poll(() => imported.locator('tbody tr').count()).toBe(domains.length);
    expect(await imported.locator('thead').innerText()).toMatch(/Owner[\s\S]*Region/);
    expect(await page.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('combobox', { name: 'Domain column' }).inputValue()).toBe('Domain');
    await page.getByRole('textbox', { name: 'Name' }).fill('Estate audit Q1');
    await page.getByRole('textbox', { name: 'Client' }).fill('Acme Holdings');
    expect(await page.getByRole('textbox', { name: 'DNS resolvers' }).inputValue()).toBe(lab.settings.resolvers.join(', '));
    await shot('03-import-preview');
  });

  it('runs the audit with live progress to 100%', async () => {
    await page.getByRole('button', { name: `Start audit of ${domains.length} domains` }).click();
    await page.getByRole('heading', { name: 'Estate audit Q1' }).waitFor();
    await waitForCompletion();
    expect(await page.getByTestId('run-done').innerText()).toContain(`${domains.length}`);
    // The tiles count domains by their worst problem: each domain once, so they add up to the audit.
    const tiles = page.getByRole('list', { name: 'Domains by worst problem' }).locator('.sev-count');
    await poll(async () => (await tiles.allInnerTexts()).reduce((n, t) => n + Number(t.replace(/\D/g, '')), 0)).toBe(domains.length);
    const worst = await backend.handlers['result:worstCounts']({ runId: 1 });
    if (!worst.ok) throw new Error(worst.error.message);
    expect(await tiles.allInnerTexts()).toEqual(['critical', 'high', 'medium', 'low', 'none'].map((k) => String(worst.value[k as 'none'] ?? 0)));
    // The estate's top actions are the backend's, in its order.
    const top = await backend.handlers['run:actions']({ runId: 1, limit: 8 });
    if (!top.ok) throw new Error(top.error.message);
    expect(top.value.actions.length).toBeGreaterThan(0);
    const topList = page.getByRole('list', { name: 'Top actions' });
    await poll(() => topList.locator('.estate-action-title').allInnerTexts()).toEqual(top.value.actions.map((a) => a.title));
    // No figure is cut off.
    expect(await page.evaluate<number>(`[...document.querySelectorAll('.sev-count')].filter((e) => e.scrollWidth > e.clientWidth).length`)).toBe(0);
    await shot('04-run-complete');
  }, 180_000);

  it('filters and searches the results table', async () => {
    await page.getByRole('button', { name: 'View results' }).click();
    await page.getByRole('grid', { name: 'Results' }).waitFor();
    expect(await tableCount()).toBe(`${domains.length} domains`);
    const invalid = await backend.handlers['result:list']({ runId: 1, offset: 0, limit: 1, posture: 'invalid' });
    const expected = invalid.ok ? invalid.value.total : -1;
    expect(expected).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: 'Filter by posture' }).selectOption('invalid');
    await poll(tableCount).toBe(`${expected} domain${expected === 1 ? '' : 's'}`);
    expect(await page.locator('.vtable-row').count()).toBe(expected);
    await shot('05-results-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByRole('searchbox', { name: 'Search results' }).fill('policy-syntax');
    await poll(tableCount).toBe('1 domain');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await poll(tableCount).toBe(`${domains.length} domains`);
    await shot('06-results');
  });

  it('shows the protection outcome first: a domain whose mail bounces is never shown as protected', async () => {
    const atRisk = await backend.handlers['result:list']({ runId: 1, offset: 0, limit: 100, outcome: 'at-risk' });
    if (!atRisk.ok) throw new Error(atRisk.error.message);
    expect(atRisk.value.rows.map((r) => r.domain).sort()).toEqual(['dane-mtasts-conflict.test', 'mx-none-deliverable.test']);
    await page.getByRole('group', { name: 'Protection outcome' }).getByRole('button', { name: /Mail at risk/ }).click();
    await poll(tableCount).toBe('2 domains');
    for (const r of atRisk.value.rows) {
      const badge = resultRow(r.domain).locator('.badge').first();
      expect(await badge.innerText()).toBe('Mail at risk');
    }
    await shot('05b-results-at-risk');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await poll(tableCount).toBe(`${domains.length} domains`);
    // Every row's first badge is the backend's outcome, whatever the posture says.
    const all = await backend.handlers['result:list']({ runId: 1, offset: 0, limit: 100 });
    if (!all.ok) throw new Error(all.error.message);
    const enforcedButBroken = all.value.rows.filter((r) => r.posture === 'enforce' && r.outcome !== 'protected');
    expect(enforcedButBroken.length).toBeGreaterThan(2);
    for (const r of enforcedButBroken) expect(await resultRow(r.domain).locator('.badge').first().innerText(), r.domain).not.toBe('Protected');
  });

  it('fits the results table at 1280×800: problems in plain words, worst first, nothing cut off', async () => {
    const rows = grid('Results').locator('.vtable-row');
    await poll(() => rows.count()).toBeGreaterThan(10);
    expect(await clippedCells()).toEqual([]);
    // The problems column lists problems (not info facts) by their plain titles, most severe first.
    const listed = await backend.handlers['result:list']({ runId: 1, offset: 0, limit: 100 });
    if (!listed.ok) throw new Error(listed.error.message);
    const withFacts = listed.value.rows.find((r) => r.codes.some((c) => catalogueEntry(c).severity === 'info') && r.codes.some((c) => catalogueEntry(c).severity !== 'info'))!;
    const problems = withFacts.codes.filter((c) => catalogueEntry(c).severity !== 'info')
      .sort((a, b) => severityRank(catalogueEntry(a).severity) - severityRank(catalogueEntry(b).severity));
    const cell = resultRow(withFacts.domain).locator('.codes');
    expect((await cell.innerText()).split(' · ')).toEqual(problems.map((c) => plainText(c).title));
    // A domain with facts only shows no "worst" badge and no problem count.
    const clean = listed.value.rows.find((r) => r.domain === 'enforce.test')!;
    expect(clean.findingCount).toBeGreaterThan(0);
    const cleanCells = await resultRow('enforce.test').locator('[role="gridcell"]').allInnerTexts();
    // (At 1280 px the problem count gives way to the tag columns; the list says "none".)
    expect(cleanCells.slice(3, 5)).toEqual(['—', 'none']);
    // The finding filter lists plain titles, grouped by severity; the code is only the option's value.
    const options = await page.getByRole('combobox', { name: 'Filter by finding' }).locator('option').allInnerTexts();
    expect(options.some((o) => /^[A-Z0-9_]{6,}/.test(o))).toBe(false);
    expect(options).toContain(`${plainText('MTASTS_POLICY_SYNTAX_INVALID').title} (1)`);
    // Sorting from the keyboard: Tab into the header, Enter on "Domain".
    await grid('Results').getByRole('button', { name: 'Domain' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await shot('06b-results-keyboard-focus');
    await poll(() => grid('Results').locator('[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    expect(await rows.first().innerText()).toMatch(/^(absent|bücher|cert-|content|dns|enforce|host|xn--)/);
    await grid('Results').getByRole('button', { name: /Worst/ }).click();
    await poll(() => grid('Results').locator('[aria-sort]').innerText()).toMatch(/Worst/);
  });

  it('opens a domain with its findings, catalogue advice and marked policy lines', async () => {
    await page.getByRole('searchbox', { name: 'Search results' }).fill('policy-syntax');
    await poll(tableCount).toBe('1 domain');
    // Keyboard: focus the grid, Enter opens the active row.
    await page.getByRole('grid', { name: 'Results' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'policy-syntax.test' }).waitFor();
    const result = await backend.handlers['domain:get']({ runId: 1, domain: 'policy-syntax.test' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lineFinding = result.value.findings.find((f) => f.line !== undefined);
    // Problems are full cards in plain words (title, impact, steps); info-level facts are one line each, below.
    const problems = result.value.findings.filter((f) => f.severity !== 'info');
    const facts = result.value.findings.filter((f) => f.severity === 'info');
    expect(problems.length).toBeGreaterThan(0);
    expect(facts.length).toBeGreaterThan(0);
    const first = problems[0]!;
    const card = page.locator('#sec-problems').getByRole('article', { name: plainText(first.code).title }).first();
    await card.waitFor();
    expect(await card.innerText()).toContain(plainText(first.code).impact);
    expect(await card.getByRole('listitem').allInnerTexts()).toEqual([...plainText(first.code).fix]);
    // The code and the specification's prose are secondary: inside a closed disclosure.
    expect(await card.locator('details.finding-tech').getAttribute('open')).toBeNull();
    expect(await card.locator('details.finding-tech summary').innerText()).toContain(first.code);
    // The outcome leads the page, with what decided it: the backend's verdict.
    const outcome = page.getByRole('region', { name: 'Outcome' });
    expect(await outcome.locator('.badge').first().innerText()).toBe(OUTCOME_LABEL[result.value.verdict.outcome]);
    for (const c of result.value.verdict.decidedBy) expect(await outcome.innerText()).toContain(plainText(c).title);
    // Each finding links to its evidence: the policy line it is about.
    if (lineFinding) {
      await page.locator('#sec-problems').getByRole('article', { name: plainText(lineFinding.code).title }).first().getByRole('button', { name: /Evidence/ }).click();
      await poll(() => focused('id')).toBe(`policy-line-${lineFinding.line}`);
    }
    expect(await page.locator('#sec-problems').getByRole('article').count()).toBe(problems.length);
    const factList = page.getByRole('list', { name: 'Facts' });
    expect(await factList.getByRole('listitem').count()).toBe(facts.length);
    expect(await factList.innerText()).toContain(plainText(facts[0]!.code).title);
    expect(await page.getByText(`Facts ${facts.length}`).count()).toBe(1);
    if (lineFinding) expect(await page.locator('.policy-line.marked').count()).toBeGreaterThan(0);
    await shot('07-domain', true);
    // The facts collapse (and stay collapsed for the next domain).
    await page.getByText(`Facts ${facts.length}`).click();
    await poll(() => factList.isVisible()).toBe(false);
    await page.getByText(`Facts ${facts.length}`).click();
    await page.keyboard.press('Escape');
    await grid('Results').waitFor();
    // Back where the user was: same filter, the grid has focus, Space opens the active row again.
    expect(await page.getByRole('searchbox', { name: 'Search results' }).inputValue()).toBe('policy-syntax');
    await poll(() => focused('role')).toBe('grid');
    await page.keyboard.press(' ');
    await page.getByRole('heading', { level: 1, name: 'policy-syntax.test' }).waitFor();
    await page.getByRole('button', { name: '← Results' }).click();
    await grid('Results').waitFor();
  });

  it('says plainly when a domain has no problems', async () => {
    await page.getByRole('searchbox', { name: 'Search results' }).fill('enforce.test');
    await resultRow('enforce.test').waitFor();
    const listed = await backend.handlers['domain:get']({ runId: 1, domain: 'enforce.test' });
    expect(listed.ok && listed.value.findings.every((f) => f.severity === 'info')).toBe(true);
    await resultRow('enforce.test').click();
    await page.getByRole('heading', { level: 1, name: 'enforce.test' }).waitFor();
    await page.getByText('No problems found for enforce.test').waitFor();
    expect(await page.locator('#sec-problems').getByRole('article').count()).toBe(0);
    await shot('07b-domain-no-problems', true);
    await page.keyboard.press('Escape');
    await grid('Results').waitFor();
  });

  it('leads a domain with its actions: the backend\'s text and exact values, copied as they are', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('searchbox', { name: 'Search results' }).fill('absent.test');
    await resultRow('absent.test').click();
    await page.getByRole('heading', { level: 1, name: 'absent.test' }).waitFor();
    const got = await backend.handlers['domain:get']({ runId: 1, domain: 'absent.test' });
    if (!got.ok) throw new Error(got.error.message);
    const { actions } = got.value.actions;
    expect(actions.length).toBeGreaterThan(0);
    const section = page.locator('#sec-actions');
    const cards = section.getByRole('article');
    await poll(() => cards.count()).toBe(actions.length);
    for (const [i, a] of actions.entries()) {
      const card = cards.nth(i);
      expect(await card.locator('h3').innerText()).toBe(a.title);
      expect(await card.locator('.action-why').innerText()).toBe(a.why);
      expect(await card.locator('.action-steps li').allInnerTexts()).toEqual(a.steps);
      expect(await card.locator('.publish-value').allTextContents()).toEqual(a.publish.map((p) => p.value));
    }
    // The actions come before the problems on the page.
    expect(await page.evaluate<boolean>(`!!(document.getElementById('sec-actions').compareDocumentPosition(document.getElementById('sec-problems')) & Node.DOCUMENT_POSITION_FOLLOWING)`)).toBe(true);
    const firstValue = actions.flatMap((a) => a.publish)[0];
    if (firstValue) {
      await section.getByRole('button', { name: /^Copy / }).first().click();
      await section.getByText('Copied ✓').waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(firstValue.value);
    }
    await shot('07c-domain-actions', true);
    await page.keyboard.press('Escape');
    await grid('Results').waitFor();
  });

  it('shows certificates and probes for a domain with a broken policy host', async () => {
    await page.getByRole('searchbox', { name: 'Search results' }).fill('cert-expired');
    await poll(tableCount).toBe('1 domain');
    // The search box remembers the last search: wait for this one's row, not the count alone.
    await resultRow('cert-expired.test').click();
    await page.getByRole('heading', { level: 1, name: 'cert-expired.test' }).waitFor();
    await page.locator('#sec-problems').getByRole('article', { name: plainText('MTASTS_HTTPS_CERT_EXPIRED').title }).waitFor();
    await page.getByRole('heading', { name: 'Policy fetch' }).waitFor();
    const expired = page.getByText(/expired \d+ days ago/).first();
    expect(await expired.getAttribute('class')).toContain('bad-text');
    // An expired chain is never called trusted in green, whatever Node's chain builder said.
    const fetchCard = page.locator('#sec-fetch');
    expect(await fetchCard.locator('.ok-text', { hasText: 'trusted' }).count()).toBe(0);
    expect(await fetchCard.innerText()).toMatch(/Chain\s+not valid: a certificate has expired/);
    await shot('08-domain-certificate', true);
  });

  it('shows evidence that agrees with the findings: a bouncing domain, its SMTP transcript, visible CRs', async () => {
    await page.getByRole('button', { name: '← Results' }).click();
    await page.getByRole('searchbox', { name: 'Search results' }).fill('mx-none-deliverable');
    await resultRow('mx-none-deliverable.test').click();
    await page.getByRole('heading', { level: 1, name: 'mx-none-deliverable.test' }).waitFor();
    const got = await backend.handlers['domain:get']({ runId: 1, domain: 'mx-none-deliverable.test' });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.verdict.outcome).toBe('at-risk');
    const outcome = page.getByRole('region', { name: 'Outcome' });
    expect(await outcome.locator('.badge').first().innerText()).toBe('Mail at risk');
    expect(await page.locator('.badge', { hasText: /^Protected$/ }).count()).toBe(0);
    // The probe worked at the SMTP level but the certificate's name is wrong: not a green "ok".
    const probe = page.locator('details.probe').first();
    const headline = probe.locator('summary');
    expect(await headline.locator('.ok-text').count()).toBe(0);
    expect(await headline.innerText()).toContain(plainText('STARTTLS_CERT_NAME_MISMATCH').title.toLowerCase());
    // The full transcript: banner, EHLO, STARTTLS and its reply, EHLO again inside TLS.
    const probes = got.value.mx.flatMap((m) => m.probes);
    const transcript = page.getByRole('log', { name: /SMTP transcript/ }).first();
    const text = await transcript.innerText();
    expect(text).toContain(probes[0]!.banner!);
    expect(text).toMatch(/C:\s*STARTTLS/);
    expect(text).toContain(probes[0]!.starttlsReply!);
    expect(text).toMatch(/EHLO \(inside TLS\)/);
    for (const l of probes[0]!.ehloAfterTls ?? []) expect(text).toContain(l);
    await shot('08b-domain-transcript', true);
    await page.keyboard.press('Escape');
    await grid('Results').waitFor();

    // A policy served with CRLF line ends shows its CRs.
    await page.getByRole('searchbox', { name: 'Search results' }).fill('policy-crlf');
    await resultRow('policy-crlf.test').click();
    await page.getByRole('heading', { level: 1, name: 'policy-crlf.test' }).waitFor();
    const crs = page.getByRole('table', { name: 'Policy file' }).locator('.ctl[title="carriage return (CR)"]');
    await poll(() => crs.count()).toBeGreaterThan(2);
    expect(await crs.first().innerText()).toBe('␍');
    await page.keyboard.press('Escape');
    await grid('Results').waitFor();
  });

  it('steps to the previous and next domain of the list from the keyboard', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await poll(tableCount).toBe(`${domains.length} domains`);
    await grid('Results').getByRole('button', { name: 'Domain' }).click();
    await poll(() => grid('Results').locator('[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    const listed = await backend.handlers['result:list']({ runId: 1, offset: 0, limit: 3, sort: 'domain' });
    if (!listed.ok) throw new Error(listed.error.message);
    const [first, second, third] = listed.value.rows.map((r) => r.domain);
    // A key steps only once the page knows its neighbour (its button enabled): under load that can come after
    // the heading, and a key pressed before it would be lost.
    const canStep = (name: 'Next ›' | '‹ Previous') => poll(() => page.getByRole('button', { name }).isEnabled()).toBe(true);
    await resultRow(first!).click();
    await page.getByRole('heading', { level: 1, name: first }).waitFor();
    await canStep('Next ›');
    expect(await page.getByRole('button', { name: '‹ Previous' }).isDisabled()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 1, name: second }).waitFor();
    await canStep('‹ Previous');
    await canStep('Next ›');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 1, name: third }).waitFor();
    await canStep('‹ Previous');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('heading', { level: 1, name: second }).waitFor();
    // Stepping replaces the page in history: Escape goes back to the list, on the row last shown.
    await page.keyboard.press('Escape');
    await grid('Results').waitFor();
    await poll(() => grid('Results').locator('[aria-selected="true"]').innerText()).toContain(second!);
  });

  it('exports a workbook and a PDF to the chosen paths and reveals them', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('button', { name: 'Save workbook…' }).click();
    const workbook = page.getByRole('region', { name: 'Excel workbook' });
    await workbook.getByText('Saved').waitFor({ timeout: 60_000 });
    const xlsx = await workbook.locator('.saved-path').innerText();
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    await page.getByRole('button', { name: 'Save full PDF…' }).click();
    const pdfCard = page.getByRole('region', { name: 'PDF evidence pack' });
    await pdfCard.getByText('Saved').waitFor({ timeout: 60_000 });
    const pdf = await pdfCard.locator('.saved-path').innerText();
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await pdfCard.getByRole('button', { name: 'Show in folder' }).click();
    await poll(() => shown).toContain(pdf);
    await shot('09-export');
  }, 120_000);

  it('audits again from a dropped file and compares the two audits', async () => {
    // Between the audits, enforce.test falls back to testing and testing.test moves up to enforce.
    const spec = (n: string) => ENGINE_DOMAINS.find((d) => d.name === n)!;
    await lab.update({ ...spec('enforce.test'), policy: policyBody('testing'), sts: ['v=STSv1; id=20250101T000000Z'] });
    await lab.update({ ...spec('testing.test'), policy: policyBody('enforce'), sts: ['v=STSv1; id=20250101T000000Z'] });

    await sidebar('New audit');
    const csv = fs.readFileSync(csvPath);
    const dataTransfer = await page.evaluateHandle((bytes) => {
      // Runs in the page; the test file is type-checked without the DOM lib.
      const g = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, o: object) => unknown };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([new Uint8Array(bytes)], 'estate-again.csv', { type: 'text/csv' }));
      return dt;
    }, [...csv]);
    await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer });
    await page.getByRole('heading', { name: 'estate-again.csv' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Estate audit Q2');
    await page.getByRole('button', { name: `Start audit of ${domains.length} domains` }).click();
    await page.getByRole('heading', { name: 'Estate audit Q2' }).waitFor();
    await waitForCompletion();

    await sidebar('Audits');
    await poll(() => page.getByRole('table', { name: 'Audits' }).locator('tbody tr').count()).toBe(2);
    await shot('10-audits');

    await sidebar('Compare');
    await page.getByRole('combobox', { name: 'Earlier audit' }).selectOption('1');
    await page.getByRole('combobox', { name: 'Later audit' }).selectOption('2');
    const changes = page.getByRole('grid', { name: 'Changes' });
    await changes.waitFor();
    await changes.getByText('enforce.test', { exact: true }).waitFor();
    expect(await page.getByRole('tab', { name: /Regressed/ }).innerText()).toMatch(/Regressed\s+[1-9]/);
    expect(await page.getByRole('tab', { name: /Fixed/ }).innerText()).toMatch(/Fixed\s+[1-9]/);
    await shot('11-compare');
  }, 240_000);

  it('opens a comparison row to show every change and finding in full', async () => {
    const cmp = await backend.handlers['run:compare']({ runA: 1, runB: 2 });
    if (!cmp.ok) throw new Error(cmp.error.message);
    const row = cmp.value.rows.find((r) => r.domain === 'enforce.test')!;
    expect(row.changeClass).toBe('regressed');
    expect(row.changes.length + row.defectsNew.length + row.defectsFixed.length).toBeGreaterThan(1);
    // Keyboard: the grid's first row is the worst news (enforce.test, worsened); Enter opens it.
    await grid('Changes').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /enforce\.test/ });
    await dialog.waitFor();
    for (const c of row.changes) expect(await dialog.innerText()).toContain(c.detail);
    for (const d of [...row.defectsNew, ...row.defectsFixed]) {
      expect(await dialog.innerText()).toContain(d.code);
      expect(await dialog.innerText()).toContain(catalogueEntry(d.code).title);
    }
    await shot('11b-compare-detail');
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    await poll(() => focused('aria-label')).toBe('Changes');
    // The direction tabs: ←/→ move between them; a click on a row opens it as well.
    await page.getByRole('tab', { name: /All changes/ }).focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.getByRole('tab', { name: /Regressed/ }).getAttribute('aria-selected')).toBe('true');
    await grid('Changes').getByText('enforce.test', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Open in later audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'enforce.test' }).waitFor();
    await page.getByRole('button', { name: '← Compare' }).click();
    await grid('Changes').waitFor();
    expect(await page.getByRole('tab', { name: /Regressed/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('makes the comparison a deliverable: the scripted classes, search, a CSV export, date order and a clean error', async () => {
    const cmp = await backend.handlers['run:compare']({ runA: 1, runB: 2 });
    if (!cmp.ok) throw new Error(cmp.error.message);
    const classOf = new Map(cmp.value.rows.map((r) => [r.domain, r.changeClass]));
    // The scripted pair: enforce.test fell back to testing, testing.test moved up to enforce.
    expect(classOf.get('enforce.test')).toBe('regressed');
    expect(classOf.get('testing.test')).toBe('fixed');
    await page.getByRole('tab', { name: /All changes/ }).click();
    const changes = grid('Changes');
    for (const d of ['enforce.test', 'testing.test']) {
      const row = changes.getByRole('row').filter({ has: page.getByText(d, { exact: true }) });
      expect(await row.locator('.badge').first().innerText()).toBe(CHANGE_CLASS_LABEL[classOf.get(d)!]);
    }
    // Outcome counts before and after, from the two audits' summaries.
    await page.getByText('Outcomes before and after').click();
    const delta = page.getByRole('table', { name: 'Outcome before and after' });
    expect(await delta.innerText()).toContain(`${OUTCOME_LABEL.protected}\t${cmp.value.runA.outcomeCounts.protected ?? 0}\t${cmp.value.runB.outcomeCounts.protected ?? 0}`);
    // Search narrows the rows.
    await page.getByRole('searchbox', { name: 'Search changes' }).fill('testing');
    await poll(() => changes.locator('.vtable-row').count()).toBe(cmp.value.rows.filter((r) => r.domain.includes('testing')).length);
    await shot('11c-compare-search');
    await page.getByRole('searchbox', { name: 'Search changes' }).fill('');
    // The export: the backend writes the same rows, worst news first, with plain class and outcome words.
    nextSave = path.join(tmp, 'comparison.csv');
    await page.getByRole('button', { name: 'Export comparison (CSV)…' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    nextSave = undefined;
    const csvText = fs.readFileSync(path.join(tmp, 'comparison.csv'), 'utf8').replace(/^\uFEFF/, '');
    const body = csvText.split('\r\n').slice(csvText.split('\r\n').indexOf('Domain,Change,Outcome before,Outcome after,Problems fixed,Problems new,What changed') + 1).filter(Boolean);
    expect(body.map((l) => l.split(',')[0])).toEqual(cmp.value.rows.map((r) => r.domain));
    expect(body.find((l) => l.startsWith('enforce.test,'))).toMatch(/^enforce\.test,Regressed,Protected,Monitoring only,/);
    // Picked the wrong way round: shown in date order, and said so.
    await page.getByRole('combobox', { name: 'Earlier audit' }).selectOption('2');
    await page.getByRole('combobox', { name: 'Later audit' }).selectOption('1');
    await page.getByText('Shown in date order').waitFor();
    // An audit that does not exist: the error alone, no table of the previous choice under it.
    await page.goto(`${url}#/compare/1/999`);
    await page.getByRole('alert').waitFor();
    expect(await grid('Changes').count()).toBe(0);
    await shot('11d-compare-error');
  });

  it('treats imported tags as data: columns, a filter that returns exactly the tagged domains, search and group-by', async () => {
    await page.goto(`${url}#/results/1`);
    await grid('Results').waitFor();
    const header = await grid('Results').locator('.vtable-header').innerText();
    expect(header).toMatch(/Owner[\s\S]*Region/);
    const owned = (n: number) => domains.filter((_, i) => i % 3 === n);
    // The filter: exactly the domains imported with Owner team-1, in the table and from the backend.
    await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('Owner');
    await page.getByRole('combobox', { name: 'Owner value' }).selectOption('team-1');
    await poll(tableCount).toBe(`${owned(1).length} domains`);
    const listed = await backend.handlers['result:list']({ runId: 1, offset: 0, limit: 100, tag: { name: 'Owner', value: 'team-1' } });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.rows.map((r) => r.input).sort()).toEqual(owned(1).sort());
    const shownRows = await grid('Results').locator('.vtable-row').allInnerTexts();
    expect(shownRows.length).toBe(owned(1).length);
    for (const row of shownRows) expect(row).toContain('team-1');
    await shot('06c-results-tag-filter');
    // One owner's workbook: the export starts from the table's tag filter; the user picks another, and the
    // workbook holds exactly the domains the backend lists under it, its Summary saying so.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const scope = page.getByRole('region', { name: 'Domains in the exports' });
    expect(await scope.getByRole('combobox', { name: 'Export by tag' }).inputValue()).toBe('Owner');
    expect(await scope.getByRole('combobox', { name: 'Owner value' }).inputValue()).toBe('team-1');
    await scope.getByRole('combobox', { name: 'Export by tag' }).selectOption('Region');
    await scope.getByRole('combobox', { name: 'Region value' }).selectOption('EU');
    const eu = await backend.handlers['result:list']({ runId: 1, offset: 0, limit: 100, tag: { name: 'Region', value: 'EU' } });
    if (!eu.ok) throw new Error(eu.error.message);
    await expect.poll(() => scope.getByRole('status').innerText()).toContain(`Only the ${eu.value.total} of`);
    await shot('09b-export-by-tag');
    await page.getByRole('button', { name: 'Save workbook…' }).click();
    const card = page.getByRole('region', { name: 'Excel workbook' });
    await card.getByText('Saved').waitFor({ timeout: 60_000 });
    const saved = await card.locator('.saved-path').innerText();
    expect(path.basename(saved)).toMatch(/-Region-EU\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const cells = (sheet: string) => book.getWorksheet(sheet)!.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    const exported = cells('Domains').slice(1).map((r) => String(r[0]));
    expect(exported.sort()).toEqual(eu.value.rows.map((r) => r.domain || r.input).sort());
    expect(exported).toEqual(expect.arrayContaining(domains.filter((_, i) => i % 2).map((d) => eu.value.rows.find((r) => r.input === d)!.domain)));
    const whole = await backend.handlers['run:get']({ runId: 1 });
    if (!whole.ok) throw new Error(whole.error.message);
    expect(cells('Summary').map((r) => r[0])).toContain(`Domains tagged Region = EU: ${eu.value.total} of ${whole.value.total}; every figure counts these domains only.`);
    await page.goto(`${url}#/results/1`);
    await grid('Results').waitFor();
    // Search reaches tag values too.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByRole('searchbox', { name: 'Search results' }).fill('team-2');
    await poll(tableCount).toBe(`${owned(2).length} domains`);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    // Group by a tag: one row per value with its domains per outcome; a value opens its domains.
    await page.getByRole('combobox', { name: 'Group by tag' }).selectOption('Region');
    const groups = page.getByRole('table', { name: 'Domains by Region' });
    await groups.waitFor();
    const byRegion = await backend.handlers['result:tagGroups']({ runId: 1 });
    if (!byRegion.ok) throw new Error(byRegion.error.message);
    const region = byRegion.value.find((g) => g.name === 'Region')!;
    expect(region.values.map((v) => [v.value, v.count]).sort()).toEqual([['EU', domains.filter((_, i) => i % 2).length], ['US', domains.filter((_, i) => !(i % 2)).length]]);
    expect(await groups.locator('tbody tr').count()).toBe(2);
    await shot('06d-results-group-by');
    await groups.getByRole('button', { name: 'EU' }).click();
    await poll(tableCount).toBe(`${region.values.find((v) => v.value === 'EU')!.count} domains`);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
  });

  it('audits again from the run view, keeping the list, client, tags and settings', async () => {
    await page.goto(`${url}#/run/1`);
    await page.getByRole('heading', { name: 'Estate audit Q1' }).waitFor();
    await page.getByRole('button', { name: 'Audit again' }).click();
    await page.getByRole('heading', { level: 1, name: /^Estate audit Q1 \(again / }).waitFor();
    await waitForCompletion();
    const runs = await backend.handlers['run:list']({});
    if (!runs.ok) throw new Error(runs.error.message);
    const first = runs.value.find((r) => r.id === 1)!;
    const again = runs.value.find((r) => r.name.startsWith('Estate audit Q1 (again'))!;
    expect(again).toMatchObject({ client: first.client, total: first.total, resolver: first.resolver });
    const tagged = await backend.handlers['result:list']({ runId: again.id, offset: 0, limit: 100, tag: { name: 'Owner', value: 'team-0' } });
    if (!tagged.ok) throw new Error(tagged.error.message);
    expect(tagged.value.rows.map((r) => r.input).sort()).toEqual(domains.filter((_, i) => i % 3 === 0).sort());
  }, 120_000);

  it('imports every sheet of a workbook, showing each row\'s sheet and the sheets skipped', async () => {
    const book = new ExcelJS.Workbook();
    const europe = book.addWorksheet('Europe');
    europe.addRows([['Domain', 'Owner'], ['enforce.test', 'ops-eu'], ['testing.test', 'ops-eu'], ['not a domain!', 'ops-eu']]);
    const americas = book.addWorksheet('Americas');
    americas.addRows([['Domain', 'Owner'], ['none.test', 'ops-us'], ['absent.test', 'ops-us'], ['null-mx.test', 'ops-us']]);
    const notes = book.addWorksheet('Notes');
    notes.addRows([['Notes'], ['Audit requested by the CISO'], ['Scope agreed on the kick-off call']]);
    const xlsx = path.join(tmp, 'estate-by-region.xlsx');
    await book.xlsx.writeFile(xlsx);

    await sidebar('New audit');
    nextOpen = xlsx;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    nextOpen = undefined;
    await page.getByRole('heading', { name: 'estate-by-region.xlsx' }).waitFor();
    const sheet = page.getByRole('combobox', { name: 'Sheet' });
    expect(await sheet.inputValue()).toBe('all sheets');
    expect(await sheet.locator('option').allInnerTexts()).toEqual(['All sheets', 'Europe', 'Americas', 'Notes']);
    const imported = page.getByRole('table', { name: 'Imported rows' });
    await poll(() => imported.locator('tbody tr').count()).toBe(5);
    expect(await imported.locator('thead th').first().innerText()).toBe('Sheet');
    expect(await imported.locator('tbody tr').first().innerText()).toMatch(/^Europe\s+2\s+enforce\.test/);
    expect(await imported.locator('tbody tr').last().innerText()).toMatch(/^Americas\s+4\s+null-mx\.test/);
    expect(await imported.locator('thead').innerText()).not.toMatch(/\bsheet\b/);
    expect(await page.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr').first().innerText()).toMatch(/^Europe\s+4\s+not a domain!/);
    const skipped = page.getByRole('note', { name: 'Sheets not read' });
    expect(await skipped.innerText()).toMatch(/Notes: no column of domains/);
    await shot('13-import-sheets', true);
    // One sheet: its rows alone, no Sheet column; then back to all sheets.
    await sheet.selectOption('Americas');
    await poll(() => imported.locator('tbody tr').count()).toBe(3);
    expect(await imported.locator('thead th').first().innerText()).toBe('Row');
    expect(await skipped.count()).toBe(0);
    await sheet.selectOption('all sheets');
    await poll(() => imported.locator('tbody tr').count()).toBe(5);
    await page.getByRole('button', { name: 'Choose another file' }).click();
  });

  it('explains why a file without a column of domains cannot be imported', async () => {
    const people = path.join(tmp, 'people.csv');
    fs.writeFileSync(people, 'Name,Notes\nAlice,hello there\nBob,something else\n');
    nextOpen = people;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    nextOpen = undefined;
    const alert = page.getByRole('alert').filter({ hasText: 'This file could not be imported' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('no column in people.csv holds domains, e-mail addresses or URLs');
    await page.getByRole('button', { name: 'Choose file…' }).waitFor();
    await shot('14-import-error');
  });

  it('says why an export failed', async () => {
    await page.goto(`${url}#/export/1`);
    nextSave = path.join(tmp, 'no-such-folder', 'estate.xlsx');
    await page.getByRole('button', { name: 'Save workbook…' }).click();
    const card = page.getByRole('region', { name: 'Excel workbook' });
    await card.getByRole('alert').waitFor({ timeout: 60_000 });
    expect(await card.getByRole('alert').innerText()).toMatch(/could not write .*no-such-folder/);
    nextSave = undefined;
    await shot('15-export-error');
  }, 90_000);

  it('opens every row, including an input that is no domain and a domain listed twice', async () => {
    // Runs made by the CLI keep such inputs: one row is not a host name, two rows name the same domain.
    const run = startNewRun(db, {
      name: 'Mixed inputs', source: 'cli', settings: lab.settings, domains: [
        { input: 'not a domain!', domain: '', tags: { owner: 'typo' } },
        { input: 'enforce.test', domain: 'enforce.test', tags: { owner: 'ops' } },
        { input: 'mailto:postmaster@enforce.test', domain: 'enforce.test', tags: { owner: 'postmaster' } },
      ],
    });
    expect((await backend.handlers['run:resume']({ runId: run.id })).ok).toBe(true);
    await page.goto(`${url}#/run/${run.id}`);
    await waitForCompletion();
    await page.getByRole('button', { name: 'View results' }).click();
    await poll(tableCount).toBe('3 domains');
    await resultRow('“not a domain!”').click();
    await page.getByRole('heading', { level: 1, name: '“not a domain!”' }).waitFor();
    await page.locator('#sec-problems').getByRole('article', { name: plainText('AUDIT_DOMAIN_INVALID').title }).waitFor();
    expect(await page.getByText('not a domain name, so nothing was audited').count()).toBe(1);
    await shot('16-domain-invalid-input', true);
    await page.keyboard.press('Escape');
    // The second copy of enforce.test opens as itself (imported as the mailto: address), not as the first.
    const copies = grid('Results').getByRole('row').filter({ hasText: 'enforce.test' });
    await poll(() => copies.count()).toBe(2);
    const viaMailto = await backend.handlers['result:list']({ runId: run.id, offset: 0, limit: 10, search: 'mailto' });
    if (!viaMailto.ok) throw new Error(viaMailto.error.message);
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      await copies.nth(i).click();
      await page.getByRole('heading', { level: 1, name: 'enforce.test' }).waitFor();
      // (The subtitle's parts are flex items: innerText puts line breaks between them.)
      const subtitle = (await page.locator('.subtitle').innerText()).replace(/\s+/g, ' ');
      seen.push(subtitle.includes('imported as mailto:postmaster@enforce.test') ? 'mailto' : 'plain');
      if (seen[i] === 'mailto') expect(page.url()).toContain(`#/entry/${run.id}/${viaMailto.value.rows[0]!.runDomainId}`);
      await page.keyboard.press('Escape');
      await grid('Results').waitFor();
    }
    expect(seen.sort()).toEqual(['mailto', 'plain']);
  }, 120_000);

  it('keeps the auditor name and defaults in Settings', async () => {
    await sidebar('Settings');
    expect(await page.getByRole('textbox', { name: 'Auditor name' }).inputValue()).toBe('E2E Auditor');
    await shot('12-settings', true);
  });

  it('edits the network settings a real network needs and uses them for the next audit', async () => {
    const field = (name: string) => page.getByLabel(name, { exact: true });
    const pem = page.getByRole('textbox', { name: 'Extra trust anchor (PEM)' });
    expect(await pem.inputValue()).toContain('-----BEGIN CERTIFICATE-----');
    expect((await pem.inputValue()).trim()).toBe(lab.settings.extraCaPem!.trim());
    expect(await field('EHLO name').inputValue()).toBe('auditor.lab.test');
    expect(await field('SMTP connections per IP').inputValue()).toBe(String(lab.settings.smtpPerIpConcurrency));
    expect(await field('Policy fetches per IP').inputValue()).toBe('32');
    expect(await field('SMTP reply time-out (s)').inputValue()).toBe('3');
    expect(await page.getByRole('checkbox', { name: 'Allow private and internal addresses' }).isChecked()).toBe(false);
    expect(await field('Allowed private ranges').inputValue()).toBe('127.0.0.0/8');
    expect(await field('Policy host port').inputValue()).toBe(String(lab.settings.httpsPort));
    expect(await field('SMTP port').inputValue()).toBe(String(lab.settings.smtpPort));
    expect(await field('DNSSEC control name').inputValue()).toBe('.');

    // Not PEM: refused before anything is saved, with the reason at the field, and focus taken there.
    await pem.fill('my company CA');
    await field('EHLO name').fill('bad name!');
    await field('Allowed private ranges').fill('10.0.0.0');
    await field('SMTP port').fill('70000');
    await field('DNSSEC control name').fill('corp example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('a DNS name the resolver can validate').waitFor();
    await page.getByText('paste certificates in PEM form').waitFor();
    await page.getByText('address ranges such as 10.20.0.0/16').waitFor();
    await page.getByText('a whole number from 1 to 65535').waitFor();
    await page.getByText('a host name (mail.example.net) or an address literal').waitFor();
    await poll(() => focused('aria-invalid')).toBe('true');
    const unchanged = await backend.handlers['settings:get']({});
    expect(unchanged.ok && unchanged.value.audit.extraCaPem).toBe(lab.settings.extraCaPem);
    await shot('12b-settings-invalid', true);

    await pem.fill(lab.settings.extraCaPem!);
    await field('EHLO name').fill('auditor.lab.test');
    await field('Allowed private ranges').fill('127.0.0.0/8, fd00:1::/64');
    await field('SMTP port').fill(String(lab.settings.smtpPort));
    await field('SMTP connections per IP').fill('3');
    await field('Policy fetches per IP').fill('16');
    await field('SMTP reply time-out (s)').fill('4');
    await field('DNSSEC control name').fill('signed-control.test');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = await backend.handlers['settings:get']({});
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.audit).toMatchObject({
      smtpPerIpConcurrency: 3, httpsPerIpConcurrency: 16, smtpReplyTimeoutMs: 4000, ehloName: 'auditor.lab.test', allowPrivate: false,
      privateAllowlist: ['127.0.0.0/8', 'fd00:1::/64'], httpsPort: lab.settings.httpsPort, smtpPort: lab.settings.smtpPort,
      dnssecControlName: 'signed-control.test',
    });
    expect(saved.value.audit.extraCaPem?.trim()).toBe(lab.settings.extraCaPem!.trim());

    // A new audit starts from the saved defaults.
    await sidebar('New audit');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('heading', { name: 'estate.csv' }).waitFor();
    expect(await field('SMTP reply time-out (s)').inputValue()).toBe('4');
    expect(await page.getByText('3 SMTP / 16 HTTPS per IP').count()).toBe(1);
    await page.getByText('Network and trust').click();
    expect(await field('SMTP connections per IP').inputValue()).toBe('3');
    expect(await field('Policy fetches per IP').inputValue()).toBe('16');
    expect(await field('DNSSEC control name').inputValue()).toBe('signed-control.test');
    expect((await page.getByRole('textbox', { name: 'Extra trust anchor (PEM)' }).inputValue()).trim()).toBe(lab.settings.extraCaPem!.trim());
    await shot('03b-import-network-settings', true);
  });

  it('pauses, resumes and completes an audit of the whole estate from the Progress view', async () => {
    const everything = path.join(tmp, 'whole-estate.csv');
    fs.writeFileSync(everything, `Domain\n${ENGINE_DOMAINS.map((d) => d.name).join('\n')}\n`);
    nextOpen = everything;
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page.getByRole('button', { name: 'Choose file…' }).click();
    nextOpen = undefined;
    await page.getByRole('heading', { name: 'whole-estate.csv' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Whole estate');
    // Few at a time, so the slow lab hosts keep the audit going long enough to pause it.
    await page.getByLabel('Parallel audits', { exact: true }).fill('3');
    await page.getByRole('button', { name: `Start audit of ${ENGINE_DOMAINS.length} domains` }).click();
    await page.getByRole('heading', { name: 'Whole estate' }).waitFor();
    const done = async () => Number((await page.getByTestId('run-done').innerText()).split('/')[0]!.replace(/\D/g, ''));
    await expect.poll(done, { timeout: 60_000 }).toBeGreaterThan(3);
    expect(await page.getByText('Time left').count()).toBe(1);
    // What is in flight: the longest-running domains and what each waits on.
    const inFlight = page.getByRole('table', { name: 'Domains in progress' });
    await inFlight.waitFor();
    expect(await inFlight.locator('tbody').innerText()).toMatch(/MX lookup|MTA-STS record|policy fetch|TLS-RPT record|mail servers|saving/);
    // Time left is a range (or says what it waits for), never a lone figure stuck at 0:00.
    expect(await page.locator('.stats').innerText()).toMatch(/Time left\s+(estimating…|finishing the last \d+|\d+:\d\d( – \d+:\d\d(:\d\d)?)?)/);
    await shot('04a-run-running');
    const seconds = (t: string) => t.split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
    const elapsed = async () => seconds(/Elapsed\s+([\d:]+)/.exec(await page.locator('.stats').innerText())![1]!);
    const elapsedBeforePause = await elapsed();

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.subtitle .badge').filter({ hasText: 'Paused' }).waitFor({ timeout: 60_000 });
    const atPause = await done();
    expect(atPause).toBeLessThan(ENGINE_DOMAINS.length);
    await page.waitForTimeout(1500);
    expect(await done()).toBe(atPause);
    const runs = await backend.handlers['run:list']({});
    const stored = runs.ok ? runs.value.find((r) => r.name === 'Whole estate') : undefined;
    expect(stored).toMatchObject({ state: 'paused', active: false, done: atPause });
    expect(await page.getByText(`Resume continues with the ${ENGINE_DOMAINS.length - atPause} not yet audited`).count()).toBe(1);
    await shot('17-run-paused');
    // Cancelling asks first (a cancelled audit cannot be resumed); "Keep it" leaves the audit as it was.
    await page.getByRole('button', { name: 'Cancel audit…' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm cancel' });
    await confirm.waitFor();
    await shot('17b-run-confirm-cancel');
    expect(await confirm.innerText()).toContain(`the other ${ENGINE_DOMAINS.length - atPause} will not be audited`);
    await page.keyboard.press('Escape');
    await poll(() => confirm.count()).toBe(0);
    expect(await page.locator('.subtitle .badge').innerText()).toBe('Paused');

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('.subtitle .badge').filter({ hasText: 'Running' }).waitFor();
    // Elapsed continues from the start of the audit: it does not restart with the resume.
    expect(await elapsed()).toBeGreaterThanOrEqual(elapsedBeforePause);
    await waitForCompletion();
    expect(await done()).toBe(ENGINE_DOMAINS.length);
    // Finished: the live rate and time left give way to the average rate and the total duration.
    const stats = await page.locator('.stats').innerText();
    expect(stats).toMatch(/Average rate\s+[\d.]+\/s/);
    expect(stats).toMatch(/Total time\s+(\d+:\d\d|[\d.]+ (s|ms))\b/);
    expect(stats).not.toMatch(/Time left/);
    await shot('18-run-resumed-complete');
    // The estate's longest names fit the results table too.
    await page.getByRole('button', { name: 'View results' }).click();
    await poll(tableCount).toBe(`${ENGINE_DOMAINS.length} domains`);
    await grid('Results').getByRole('button', { name: 'Domain' }).click();
    await grid('Results').getByRole('button', { name: 'Domain' }).click();
    await poll(() => grid('Results').locator('.vtable-row').count()).toBeGreaterThan(10);
    expect(await clippedCells()).toEqual([]);
    await shot('18b-results-whole-estate');
  }, 300_000);

  it('cancels an audit that has not finished, after asking', async () => {
    const run = startNewRun(db, { name: 'Never finished', settings: lab.settings, domains: [{ input: 'enforce.test', domain: 'enforce.test', tags: {} }] });
    await page.goto(`${url}#/run/${run.id}`);
    await page.getByRole('heading', { name: 'Never finished' }).waitFor();
    await page.getByRole('button', { name: 'Cancel audit…' }).click();
    await page.getByRole('group', { name: 'Confirm cancel' }).getByRole('button', { name: 'Cancel audit' }).click();
    await page.locator('.subtitle .badge').filter({ hasText: 'Cancelled' }).waitFor();
    await page.getByText('This audit was cancelled after 0 of 1 domains').waitFor();
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    const stored = await backend.handlers['run:get']({ runId: run.id });
    expect(stored.ok && stored.value.state).toBe('cancelled');
    await shot('19-run-cancelled');
  });

  it('is usable at 1024×700 and 1600×1000: every view captured, the results grid tall and whole, Start in reach', async () => {
    const views: [string, string][] = [
      ['audits', '#/audits'], ['run', '#/run/1'], ['results', '#/results/1'], ['domain', '#/domain/1/mx-none-deliverable.test'],
      ['export', '#/export/1'], ['compare', '#/compare/1/2'], ['settings', '#/settings'],
    ];
    for (const [w, h] of [[1024, 700], [1600, 1000]] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const [name, hash] of views) {
        await page.goto(`${url}${hash}`);
        await page.locator('h1').first().waitFor();
        if (name === 'results') {
          await poll(() => grid('Results').locator('.vtable-row').count()).toBeGreaterThan(5);
          await page.getByRole('button', { name: 'Clear filters' }).first().click().catch(() => undefined);
          // Rows fully inside the grid's visible box, and nothing cut at the right edge.
          const fit = await page.evaluate<{ rows: number; overflow: number; pageOverflow: number }>(`(() => {
            const g = document.querySelector('[aria-label="Results"]');
            const box = g.getBoundingClientRect();
            const rows = [...g.querySelectorAll('.vtable-row')].filter((r) => { const b = r.getBoundingClientRect(); return b.top >= box.top && b.bottom <= Math.min(box.bottom, innerHeight); }).length;
            return { rows, overflow: g.scrollWidth - g.clientWidth, pageOverflow: document.documentElement.scrollWidth - innerWidth };
          })()`);
          await shot(`size-${w}x${h}-${name}`);
          expect(fit.rows, `${w}×${h}`).toBeGreaterThanOrEqual(12);
          expect(fit.overflow, `${w}×${h} grid cut at the right`).toBeLessThanOrEqual(0);
          expect(fit.pageOverflow).toBeLessThanOrEqual(0);
        }
        if (name === 'compare') {
          await grid('Changes').waitFor();
          const cut = await page.evaluate<number>(`(() => { const g = document.querySelector('[aria-label="Changes"]'); return g.scrollWidth - g.clientWidth; })()`);
          expect(cut, `${w}: changes cut at the right`).toBeLessThanOrEqual(0);
        }
        await page.waitForTimeout(150);
        await shot(`size-${w}x${h}-${name}`);
      }
      // Import: the Start button is on screen without scrolling, even in an 800-px-high window.
      await page.setViewportSize({ width: w, height: Math.min(h, 800) });
      await sidebar('New audit');
      await page.getByRole('button', { name: 'Choose file…' }).click();
      await page.getByRole('heading', { name: 'estate.csv' }).waitFor();
      const start = page.getByRole('button', { name: /^Start audit of/ });
      const box = await start.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= Math.min(h, 800), `${w}px: Start on screen`).toBe(true);
      await shot(`size-${w}x${h}-import`);
      await page.getByRole('button', { name: 'Choose another file' }).click();
    }
    // A header-only CSV is no good news.
    const headerOnly = path.join(tmp, 'header-only.csv');
    fs.writeFileSync(headerOnly, 'Domain,Owner\n');
    nextOpen = headerOnly;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    nextOpen = undefined;
    await page.getByRole('heading', { name: 'header-only.csv' }).waitFor().catch(() => undefined);
    expect(await page.getByText('Every row holds a usable domain').count()).toBe(0);
    await shot('20-import-header-only');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
});
