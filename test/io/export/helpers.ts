/** Paths and external tools for the export tests: files land in test-output/export/ (git-ignored) for a human to open. */
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
