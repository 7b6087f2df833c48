/** Builds the renderer into out/renderer unless the build there is newer than every source it comes from. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((e) => newestMtime(path.join(entry, e))));
}

export function ensureRendererBuilt(): string {
  const index = path.join(RENDERER_OUT, 'index.html');
  const sources = ['renderer', 'shared', 'vite.config.ts', 'electron/app/security.ts'].map((p) => path.join(ROOT, p));
  const fresh = fs.existsSync(index) && fs.statSync(index).mtimeMs > Math.max(...sources.map(newestMtime));
  if (!fresh) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  return RENDERER_OUT;
}
