#!/usr/bin/env node
// Runs the TypeScript CLI through tsx on the project's own Node 22 (the `node` devDependency), whatever
// `node` is first on PATH: better-sqlite3 13's N-API build needs Node 22, as does undici 8.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundled = path.join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const node = existsSync(bundled) ? bundled : process.execPath;
// tsx as a loader inside the CLI's own process, not its `tsx` launcher: the launcher adds a process that relays
// signals with a 30 ms wait for the child's answer and, on a loaded machine, kills the CLI mid-way through its
// clean stop (exit 130 instead of the CLI's own code).
const tsxLoader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const child = spawn(node, ['--import', tsxLoader, path.join(root, 'electron', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
// Ctrl-C in a terminal reaches the whole process group, the CLI included; a signal sent to this wrapper alone
// (a supervisor, `timeout -s INT`) is passed on. The CLI treats a repeated SIGINT as the same request, stops
// the run cleanly and exits; this wrapper waits for it and passes on its exit code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
