/**
 * "Verify a bundle" in the desktop UI, driven like a user in Debian's Chromium over the REAL handlers and a real
 * SQLite file holding a lab audit (real sockets): the user picks the audit's signed bundle in the open dialog and
 * reads "Verified" with the signer, the files and every domain judged again from its evidence; then a copy whose
 * evidence.json was edited after signing, and reads "Not verified" with the file named. The words are the CLI's.
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
import { writeBundle } from '../../electron/io/bundle/write-bundle';
import { dataFolderSigningKey } from '../../electron/io/bundle/signing-key';
import { openBundle } from '../../electron/io/bundle/read-zip';
import { auditLabInto, type AuditedLab } from '../lab/tlsrpt-inbox';
import { rawZip } from '../io/bundle/raw-zip';
import { pageEmitter } from './bridge';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/e2e');

describe.skipIf(!HAVE_CHROMIUM)('Verify a bundle in the app', () => {
  let tmp: string;
  let audited: AuditedLab;
  let db: Database.Database;
  let backend: Backend;
  let app: AppPage | undefined;
  let url: string;
  let page: Page;
  let signed: string;
  let tampered: string;
  let fingerprint: string;
  let nextBundle: string | undefined;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-e2e-verify-'));
    const dbFile = path.join(tmp, 'audits.sqlite');
    audited = await auditLabInto(dbFile);
    db = openDatabase(dbFile);
    const key = dataFolderSigningKey(tmp);
    fingerprint = key.fingerprint;
    signed = path.join(tmp, 'estate-bundle.zip');
    await writeBundle(db, audited.runId, signed, { auditor: 'E2E Auditor', signingKey: key });
    // The same bundle with one byte of evidence.json changed after signing.
    const b = await openBundle(signed);
    const entries: { name: string; data: Buffer; deflate: boolean }[] = [];
    for (const name of b.entries.keys()) {
      const data = Buffer.from(await b.read(name, Infinity));
      if (name === 'evidence.json') data[data.length - 10] = data[data.length - 10]! ^ 0x01;
      entries.push({ name, data, deflate: true });
    }
    tampered = path.join(tmp, 'edited-bundle.zip');
    fs.writeFileSync(tampered, rawZip(entries));
    backend = createBackend({
      db,
      dialogs: { openFile: async () => undefined, saveFile: async () => undefined, openBundle: async () => nextBundle },
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

  const verify = async (file: string) => {
    nextBundle = file;
    await page.getByRole('button', { name: 'Verify a bundle…' }).click();
    const result = page.getByRole('region', { name: 'Bundle verification' });
    await result.getByRole('heading', { name: new RegExp(path.basename(file).replace('.', '\\.')) }).waitFor();
    return result;
  };

  it('says a signed bundle is verified: who signed it, every file, every verdict judged again', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(url);
    const result = await verify(signed);
    expect(await result.locator('h2 .badge').innerText()).toBe('Verified');
    const text = await result.innerText();
    expect(text).toContain(`key ${fingerprint}`);
    expect(text).toMatch(/Files\s+(\d+) of \1 listed in the manifest match/);
    expect(text).toContain(`${audited.results.size} domain(s) judged again from their recorded evidence; every verdict follows from its evidence`);
    expect(await result.getByRole('list', { name: 'Why it is not verified' }).count()).toBe(0);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, '21-verify-bundle-1024x700.png'), fullPage: true });
  });

  it('opens the verified bundle as a read-only audit that says where it came from', async () => {
    await page.getByRole('button', { name: 'Open as a read-only audit' }).click();
    const notice = page.locator('.notice').filter({ hasText: 'Opened from estate-bundle.zip' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(`signed by key ${fingerprint}`);
    expect(await page.getByRole('button', { name: 'Audit again' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    const runs = await backend.handlers['run:list']({});
    if (!runs.ok) throw new Error(runs.error.message);
    const opened = runs.value.find((r) => r.imported);
    expect(opened?.imported?.bundle).toBe('estate-bundle.zip');
    expect(opened?.total).toBe(audited.results.size);
    await page.screenshot({ path: path.join(SHOTS, '21c-bundle-opened-1024x700.png'), fullPage: true });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
  });

  it('names the file edited after signing and says it is not verified', async () => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    const result = await verify(tampered);
    expect(await result.locator('h2 .badge').innerText()).toBe('Not verified');
    expect(await result.getByRole('list', { name: 'Files that do not match' }).innerText()).toBe('evidence.json: modified');
    expect(await result.getByRole('list', { name: 'Why it is not verified' }).innerText()).toContain('evidence.json');
    await page.screenshot({ path: path.join(SHOTS, '21b-verify-bundle-edited-1600x1000.png'), fullPage: true });
  });

  it('only verifies a bundle the user chose in the dialog', async () => {
    const reply = await backend.handlers['bundle:verify']({ path: path.join(tmp, 'audits.sqlite') });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
  });
});
