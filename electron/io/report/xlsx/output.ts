/**
 * Where a streaming workbook goes, and whether that still works. exceljs neither reports an error of the
 * stream it writes to nor lets the writer wait on it: without this, a full disk or a vanished folder left the
 * export waiting forever for a drain that never comes. Opening the stream ourselves also makes a path that
 * cannot be written fail at once, before any work.
 */
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

const failures = new WeakMap<object, { error?: unknown }>();

/** Opens `path` for writing; rejects with the system's error when it cannot be. */
export async function openOutput(path: string): Promise<fs.WriteStream> {
  const out = fs.createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  return out;
}

/** Remembers the stream's first error for `workbook`, and resolves nothing but rejects with it. */
export function watchOutput(workbook: ExcelJS.stream.xlsx.WorkbookWriter, out: Writable): Promise<never> {
  const health: { error?: unknown } = {};
  failures.set(workbook, health);
  const failed = new Promise<never>((_, reject) => out.on('error', (err) => {
    health.error ??= err;
    reject(err);
  }));
  failed.catch(() => undefined); // raced against the commit; never left unhandled
  return failed;
}

/** Throws the output's error, if it has one: writers call this before waiting on the stream. */
export function throwIfOutputFailed(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const health = failures.get(workbook);
  if (health?.error !== undefined) throw health.error;
}
