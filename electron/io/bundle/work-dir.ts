/** The private folder a bundle's large parts are written into first (write-bundle.ts); whoever makes it removes it. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function bundleWorkDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'mta-sts-bundle-'));
}
