/** Real files in a temp directory for the importer tests, and a shortcut to read one back. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll } from 'vitest';
import { readDomainsFile, type DomainsFile, type ReadOptions } from '../../../electron/io/read-domains';

/** A temp directory removed after the test file; `write` puts a file in it and returns its path. */
export function tempFiles(): { dir: string; write(name: string, content: string | Buffer): string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-domains-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
}

/** Builds a workbook with exceljs (as a client's Excel would save it) and writes it. */
export async function writeWorkbook(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Domains in row order. */
export const domains = (r: DomainsFile): string[] => r.rows.map((x) => x.domain);

/** Rejects as `[row, reason]` pairs, easy to compare exactly. */
export const rejected = (r: DomainsFile): [number, string][] => r.rejects.map((x) => [x.row, x.reason]);

/** Writes `content` and imports it. */
export async function importText(files: ReturnType<typeof tempFiles>, name: string, content: string | Buffer, opts?: ReadOptions): Promise<DomainsFile> {
  return readDomainsFile(files.write(name, content), opts);
}

/** The code of the ImportError a promise rejects with (fails the test when it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return { code: (err as { code?: string }).code ?? 'NO_CODE', message: (err as Error).message };
  }
  throw new Error('expected the import to fail');
}
