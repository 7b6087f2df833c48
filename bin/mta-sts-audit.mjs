#!/usr/bin/env node
// Runs the TypeScript CLI through tsx on the project's own Node 22 (the `node` devDependency), whatever
// `node` is first on PATH: better-sqlite3 13's N-API build needs Node 22, as does undici 8.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundled = path.join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const node = existsSync(bundled) ? bundled : process.execPath;
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const child = spawn(node, [tsx, path.join(root, 'electron', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
// Ctrl-C in a terminal reaches the whole process group, the CLI included; a signal sent to this wrapper alone
// (a supervisor, `timeout -s INT`) is passed on. The CLI treats a repeated SIGINT as the same request, stops
// the run cleanly and exits; this wrapper waits for it and passes on its exit code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
