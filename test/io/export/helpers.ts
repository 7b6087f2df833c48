/** Paths and external tools for the export tests: files land in test-output/export/ (git-ignored) for a human to open. */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { keyFingerprint, type SigningKey } from '../../../electron/io/bundle/signing-key';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

export const OUT_DIR = path.resolve('test-output/export');

export function outPath(name: string): string {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  return path.join(OUT_DIR, name);
}

export function run(cmd: string, args: string[], opts: { cwd?: string } = {}): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...opts });
}

export function pdfText(file: string, extra: string[] = []): string {
  return run('pdftotext', ['-layout', ...extra, file, '-']);
}

/** Text of each page, split on the form feed pdftotext writes between pages. */
export function pdfPages(file: string): string[] {
  return pdfText(file).split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Rows of a sheet as arrays of cell values (1-based columns dropped to 0-based). */
export function sheetRows(wb: ExcelJS.Workbook, name: string): ExcelJS.CellValue[][] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push(values.slice(1));
  });
  return rows;
}

/** The zip part of each sheet, by sheet name, read from workbook.xml and its relationships as a reader does. */
export function sheetParts(file: string): Map<string, string> {
  const book = run('unzip', ['-p', file, 'xl/workbook.xml']);
  const rels = run('unzip', ['-p', file, 'xl/_rels/workbook.xml.rels']);
  const targets = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const unescape = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return new Map([...book.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)].map((m) => [unescape(m[1]!), `xl/${targets.get(m[2]!)!.replace(/^\/?xl\//, '')}`]));
}

export interface SheetLink {
  /** The linking cell, e.g. "K7". */
  ref: string;
  /** The sheet and 1-based row it points to. */
  sheet: string;
  row: number;
}

/** Links to other sheets (`<hyperlink location=…>`) of one sheet, parsed from its XML. */
export function sheetLinks(file: string, sheet: string): SheetLink[] {
  const xml = run('unzip', ['-p', file, sheetParts(file).get(sheet)!]);
  return [...xml.matchAll(/<hyperlink ref="([A-Z]+\d+)"[^>]*location="([^"]+)"/g)].map((m) => {
    const location = m[2]!.replace(/&apos;/g, "'");
    const [, name, row] = location.match(/^'?(.*?)'?!\$?[A-Z]+\$?(\d+)$/)!;
    return { ref: m[1]!, sheet: name!.replace(/''/g, "'"), row: Number(row) };
  });
}

/** 1-based column number of a cell reference's letters ("K7" → 11). */
export function columnOf(ref: string): number {
  return [...ref.match(/^[A-Z]+/)![0]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

/**
 * Column A of every row of a sheet (row 1, the header, included), read straight from the sheet's XML as it
 * streams out of the zip: for sheets of a million rows, which exceljs's reader takes minutes and gigabytes
 * to load. Rows are numbered as the XML numbers them, so a gap would show as a missing entry.
 */
export async function sheetColumnA(file: string, part: string): Promise<{ rows: number; lastRow: number; values: (string | undefined)[] }> {
  const { spawn } = await import('node:child_process');
  const child = spawn('unzip', ['-p', file, part], { stdio: ['ignore', 'pipe', 'inherit'] });
  const values: (string | undefined)[] = [];
  let rows = 0;
  let lastRow = 0;
  let rest = '';
  const re = /<row r="(\d+)"[^>]*>(?:<c r="A\d+"[^>]*?(?:\/>|><v>([^<]*)<\/v>|><is><t[^>]*>([^<]*)<\/t><\/is>))?/g;
  for await (const chunk of child.stdout!) {
    const text = rest + (chunk as Buffer).toString('utf8');
    const end = text.lastIndexOf('</row>');
    if (end < 0) {
      rest = text;
      continue;
    }
    for (const m of text.slice(0, end).matchAll(re)) {
      rows++;
      lastRow = Number(m[1]);
      values[lastRow - 1] = m[2] ?? m[3];
    }
    rest = text.slice(end);
  }
  return { rows, lastRow, values };
}

/** A signing key of its own for each test file: bundles are always signed (electron/io/bundle/signing-key.ts). */
let testKey: SigningKey | undefined;
export function testSigningKey(): SigningKey {
  if (!testKey) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicKey = createPublicKey(privateKey);
    testKey = { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: keyFingerprint(publicKey) };
  }
  return testKey;
}
