/**
 * Unusable client files through the real bin: one line saying what is wrong, exit code 1, no JavaScript stack
 * trace unless asked for (--debug, MTA_STS_DEBUG=1); and a list with nothing to audit creates no audit in the
 * database (a real SQLite file), where it used to be stored as a completed, empty, clean-looking audit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hugeCellWorkbook, plainWorkbookParts, sharedPartWorkbook } from '../io/import/zip-fixture';
import { runBin } from './run-bin';

let tmp: string;
const STACK_LINE = /^\s+at .+[:(]/m;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-client-files-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};

function runsIn(db: string): number {
  if (!fs.existsSync(db)) return 0;
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

/** Audits `p` into a fresh database and expects one clear line, exit 1, no stack and no run. */
async function refused(p: string, says: RegExp): Promise<string> {
  const db = path.join(tmp, `${path.basename(p)}.sqlite`);
  const { code, stdout, stderr } = await runBin(['audit', p, '--db', db, '--no-smtp']);
  expect(stderr).not.toMatch(STACK_LINE);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(says);
  expect(stdout).toBe('');
  expect(code).toBe(1);
  expect(runsIn(db)).toBe(0);
  return stderr;
}

describe('unusable files print one line, no stack trace', () => {
  it('a binary file', async () => {
    await refused(file('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0])), /^error: .*photo\.csv/);
  });

  it('a workbook whose directory records share one part', async () => {
    await refused(file('shared.xlsx', await sharedPartWorkbook(await plainWorkbookParts())), /^error: shared\.xlsx looks like an Excel workbook but is damaged \(its ZIP directory points .* at the same bytes/);
  });

  it('a workbook with a cell longer than any string', async () => {
    await refused(file('huge.xlsx', await hugeCellWorkbook(await plainWorkbookParts(), 540_000_000)), /^error: huge\.xlsx cannot be read: .* more than 1 MB of text, far beyond Excel's limit/);
  }, 60_000);

  it('shows the stack with --debug or MTA_STS_DEBUG=1, and only then', async () => {
    const p = file('junk.csv', Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0]));
    const plain = await runBin(['audit', p, '--db', path.join(tmp, 'debug.sqlite')]);
    expect(plain.stderr).not.toMatch(STACK_LINE);
    const flag = await runBin(['audit', p, '--debug', '--db', path.join(tmp, 'debug.sqlite')]);
    expect(flag.code).toBe(1);
    expect(flag.stderr.split('\n')[0]).toBe(plain.stderr.split('\n')[0]);
    expect(flag.stderr).toMatch(STACK_LINE);
    const env = await runBin(['audit', p, '--db', path.join(tmp, 'debug.sqlite')], '', { MTA_STS_DEBUG: '1' });
    expect(env.code).toBe(1);
    expect(env.stderr).toMatch(STACK_LINE);
  });
});

describe('a list with nothing to audit is an error, and no audit is created', () => {
  it('header only', async () => {
    await refused(file('header.csv', 'domain,owner\n'), /^error: no domains to audit: header\.csv has no rows below its header in column "domain"$/m);
  });

  it('a million junk rows', async () => {
    const junk = `domain\n${'not-a-domain\n'.repeat(999_000)}`;
    await refused(file('junk-rows.csv', junk), /^error: no domains to audit: none of the 999000 row\(s\) of junk-rows\.csv holds a domain in column "domain" \(row 2 "not-a-domain": a single label, not a domain name; .*; and 998997 more\)$/m);
  }, 60_000);

  it('only formula cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('List');
    ws.addRow(['Domain', 'Owner']);
    for (let i = 2; i < 6; i++) ws.addRow([{ formula: `B${i}&".example"` }, `owner${i}`]);
    const p = file('formulas.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    await refused(p, /^error: no domains to audit: none of the 4 row\(s\) of formulas\.xlsx holds a domain in column "Domain"/);
  });

  it('the same file with a domain in it is audited (exit code from the audit, one run stored)', async () => {
    const db = path.join(tmp, 'one.sqlite');
    const p = file('one.csv', 'domain\nnot-a-domain\nno-mail.invalid\n');
    const { stderr } = await runBin(['audit', p, '--db', db, '--no-smtp', '--resolver', '127.0.0.1:9', '--timeout', '200']);
    expect(stderr).toMatch(/imported 1 domains from one\.csv/);
    expect(runsIn(db)).toBe(1);
  }, 60_000);
});
