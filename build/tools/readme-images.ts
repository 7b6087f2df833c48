/**
 * Regenerates the README's pictures of the deliverables (not part of npm test):
 *   docs/images/pdf-page.png   one page of the PDF evidence pack of the lab demo's estate (a domain page)
 *   docs/images/workbook.png   the workbook's Summary sheet as LibreOffice prints it
 *
 *   npx tsx build/tools/readme-images.ts [--page N]
 *
 * The lab estate is audited on loopback (no network) into a throw-away SQLite file, exported through the CLI's
 * `export` exactly as a user would, then rendered: `pdftoppm` (poppler-utils) for the PDF page, and
 * `soffice --headless --convert-to pdf` (LibreOffice) then `pdftoppm` for the workbook. Both are low resolution
 * (50 dpi and 60 dpi) so each image stays well under 150 KB; the script fails if one does not.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../electron/store/db';
import { executeRun, startNewRun } from '../../electron/run-service';
import { startLab } from '../../test/lab/lab';
import { DEMO_DOMAINS, DEMO_MX_HOSTS } from '../../test/lab/estate/demo';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMAGES = path.join(ROOT, 'docs', 'images');
const MAX_BYTES = 150_000;
const { values } = parseArgs({ options: { page: { type: 'string' } } });

function run(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first page whose text has every one of `needles`: the picture shows a domain page, not the cover. */
function pageWith(pdf: string, needles: string[]): number {
  // pdftotext ends every page with a form feed.
  const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\f');
  const index = pages.findIndex((text) => needles.every((n) => text.includes(n)));
  if (index < 0) throw new Error(`no page of ${pdf} has all of ${needles.join(', ')}`);
  return index + 1;
}

/** Renders one page of `pdf` to `png` at `dpi`; fails when the image is over MAX_BYTES. */
function renderPage(pdf: string, page: number, dpi: number, png: string): void {
  const prefix = png.replace(/\.png$/, '');
  run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', '-singlefile', pdf, prefix]);
  const size = fs.statSync(png).size;
  if (size > MAX_BYTES) throw new Error(`${png} is ${size} bytes, over ${MAX_BYTES}`);
  process.stderr.write(`${path.relative(ROOT, png)}: page ${page}, ${dpi} dpi, ${(size / 1000).toFixed(0)} KB\n`);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-images-'));
  const lab = await startLab({ domains: DEMO_DOMAINS, mxHosts: DEMO_MX_HOSTS });
  try {
    const dbFile = path.join(tmp, 'demo.sqlite');
    const db = openDatabase(dbFile);
    const run0 = startNewRun(db, {
      name: 'Lab demo estate', client: 'Example Holdings', source: 'lab.csv', settings: lab.settings,
      domains: DEMO_DOMAINS.map((d, i) => ({ input: d.name, domain: d.name, tags: { Owner: `team-${i % 3}` } })),
    });
    await executeRun(db, run0.id, { concurrency: 16 });
    db.close();
    const pdf = path.join(tmp, 'pack.pdf');
    const xlsx = path.join(tmp, 'audit.xlsx');
    run(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'electron', 'cli.ts'),
      'export', String(run0.id), '--db', dbFile, '--pdf', pdf, '--xlsx', xlsx, '--auditor', 'A. Auditor'], ROOT);
    fs.mkdirSync(IMAGES, { recursive: true });
    // A domain page with a defect and its SMTP transcript (the EHLO reply): what the pack is for.
    renderPage(pdf, values.page ? Number(values.page) : pageWith(pdf, ['starttls-not-offered.test', 'What to do']), 50, path.join(IMAGES, 'pdf-page.png'));
    // LibreOffice prints the sheets in tab order, the Summary first; its first page is the picture.
    run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', tmp, xlsx]);
    renderPage(path.join(tmp, 'audit.pdf'), 1, 60, path.join(IMAGES, 'workbook.png'));
  } finally {
    await lab.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
