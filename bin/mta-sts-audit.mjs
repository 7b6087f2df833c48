#!/usr/bin/env node
// Runs the TypeScript CLI through tsx on the project's own Node 22 (the `node` devDependency), whatever
// `node` is first on PATH: better-sqlite3 13's N-API build needs Node 22, as does undici 8.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundled = path.join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const node = existsSync(bundled) ? bundled : process.execPath;
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// Ctrl-C reaches the CLI itself (same process group), which stops the run cleanly and exits; this wrapper
// must outlive it to pass on its exit code, instead of dying at once and handing the terminal back mid-run.
process.on('SIGINT', () => {});
const r = spawnSync(node, [tsx, path.join(root, 'electron', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
