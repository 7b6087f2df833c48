/**
 * Writing an export file so that the path the user chose only ever holds a complete file: the new export, or
 * whatever was there before. The writer fills a temporary file in the same folder (so the final rename never
 * crosses file systems and is atomic), which is renamed over the target only once it is complete. A failure
 * removes the temporary file and nothing else: last quarter's good workbook at the same path survives a full
 * disk or a crash in this quarter's export, where writing in place and removing the target on failure
 * destroyed it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A hidden sibling of the target that no one else picks: random, and created exclusively. */
function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * A target that is a folder fails the final rename only after all the work; say so at once, with the error
 * open(2) would give.
 */
async function refuseFolder(target: string): Promise<void> {
  const stat = await fs.stat(target).catch(() => undefined);
  if (stat?.isDirectory()) {
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${target}'`), { code: 'EISDIR', path: target });
  }
}

/**
 * The file an export replaces. A link the user made stays a link, and the file it points to is replaced; a
 * link someone else planted (in /tmp, say) is replaced itself, never followed: following it would let another
 * user aim the export at the user's own files, past the kernel's protected_symlinks check.
 */
async function replacedPath(chosen: string): Promise<string> {
  const link = await fs.lstat(chosen).catch(() => undefined);
  if (!link?.isSymbolicLink() || process.getuid === undefined || link.uid !== process.getuid()) return chosen;
  return fs.realpath(chosen).catch(() => chosen);
}

/**
 * Runs `write(tempPath)` and moves the result to `target` when it succeeds. Rejects with the writer's (or the
 * rename's) error otherwise, after removing the temporary file; `target` is then exactly as it was.
 */
export async function writeReplacing(chosen: string, write: (tempPath: string) => Promise<void>): Promise<void> {
  await refuseFolder(chosen);
  const target = await replacedPath(chosen);
  // The new file keeps the permissions the old one had (a report shared read-only stays read-only).
  const previousMode = (await fs.stat(target).catch(() => undefined))?.mode;
  const temp = tempPathFor(target);
  // 'wx': claims the name (fails on anything already there, a planted symlink included). It also fails
  // at once, with ENOENT or EACCES, for a folder that is missing or cannot be written to.
  await (await fs.open(temp, 'wx')).close();
  try {
    await write(temp);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw err;
  }
  try {
    if (previousMode !== undefined) await fs.chmod(temp, previousMode & 0o777);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => {});
    // Typically Windows refusing to replace a file another program (Excel, a PDF viewer) holds open.
    const code = (err as NodeJS.ErrnoException).code;
    throw Object.assign(new Error(`the finished file could not be moved into place (${code ?? String(err)}); is a file of that name open in another program?`), { code, cause: err });
  }
}
