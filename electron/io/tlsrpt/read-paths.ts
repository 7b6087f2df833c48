/**
 * Files and folders → report items. A folder is walked (bounded in depth and count; symbolic links not
 * followed) and only files that can hold reports are read: .json, .gz, .eml, .mbox/.mbx, and the messages of
 * a Maildir (files under cur/ or new/). A file named explicitly is always read, whatever its name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TLSRPT_LIMITS as L } from './limits';
import { reportsFromBytes, type ImportItem } from './decode';

const REPORT_FILE = /\.(json|gz|eml|mbox|mbx)$/i;

function readItems(file: string, size?: number): ImportItem[] {
  if (size === undefined) {
    try {
      size = fs.statSync(file).size;
    } catch (e) {
      return [{ source: file, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }];
    }
  }
  if (size > L.fileBytes) return [{ source: file, error: `file larger than ${L.fileBytes / (1024 * 1024)} MB` }];
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    return [{ source: file, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }];
  }
  return reportsFromBytes(data, file);
}

function* walk(dir: string, depth: number, budget: { files: number }): Generator<ImportItem> {
  if (depth > L.folderDepth) {
    yield { source: dir, error: `folder nested deeper than ${L.folderDepth} levels: not read` };
    return;
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    yield { source: dir, error: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    return;
  }
  const maildir = /^(cur|new)$/.test(path.basename(dir));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full, depth + 1, budget);
    else if (e.isFile() && (REPORT_FILE.test(e.name) || (maildir && !e.name.startsWith('.')))) {
      if (++budget.files > L.folderFiles) {
        yield { source: dir, error: `more than ${L.folderFiles} files: the rest were not read` };
        return;
      }
      yield* readItems(full);
    }
  }
}

/** Every report (or rejection) under the given paths, in path order. */
export function* readReportPaths(paths: readonly string[]): Generator<ImportItem> {
  const budget = { files: 0 };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      yield { source: p, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      continue;
    }
    if (st.isDirectory()) yield* walk(p, 0, budget);
    else yield* readItems(p, st.size);
  }
}
