/**
 * Runs the `mta-sts-audit` bin in a child process, as a user's shell would. The child gets a process group
 * of its own: the bin runs tsx, which runs node, and a SIGKILL meant for "the audit" must reach the process
 * doing the work (`kill(-pid)`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve(import.meta.dirname, '../../bin/mta-sts-audit.mjs');

export interface BinRun {
  child: ChildProcess;
  /** Exit code, or -1 when a signal ended it. */
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

export function startBin(args: string[], stdin = '', env?: NodeJS.ProcessEnv): BinRun {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...(env ? { env: { ...process.env, ...env } } : {}) });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr }));
  });
  child.stdin!.end(stdin);
  return { child, done };
}

export function runBin(args: string[], stdin = '', env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return startBin(args, stdin, env).done;
}
