/** Writing an export file: a failed export must not leave a half-written file where the user will look for one. */
import fs from 'node:fs/promises';

export async function removeOnFailure(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    await fs.rm(path, { force: true }).catch(() => {});
    throw err;
  }
}
