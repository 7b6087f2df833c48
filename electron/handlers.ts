/**
 * The app's backend behind IPC: one handler per channel of the contract in shared/ipc.ts. Every input is
 * parsed with the channel's zod schema before any work; every outcome is a `{ok, value | error}` envelope.
 * No Electron import: the shell (electron/app/ipc.ts) and the Chromium end-to-end test call the same map.
 */
import type { z } from 'zod';
import { isRequestName, REQUEST_NAMES, requests, type Reply, type RequestName, type RequestOutput } from '../shared/ipc';
import type { HandlerContext, HandlerDeps, Implementation, Implementations } from './handlers/context';
import { HandlerError, toIpcError } from './handlers/errors';
import { createGrantedPaths } from './handlers/granted-paths';
import { createImportCache } from './handlers/import-cache';
import { createRunManager } from './handlers/run-manager';
import { runHandlers } from './handlers/runs';
import { importHandlers } from './handlers/import';
import { resultHandlers } from './handlers/results';
import { exportHandlers } from './handlers/exports';
import { bundleHandlers } from './handlers/bundles';
import { systemHandlers } from './handlers/system';
import { reportHandlers } from './handlers/reports';

export type { Dialogs, HandlerDeps } from './handlers/context';
export type { SettingsStore } from './handlers/settings-store';
export { createFileSettingsStore, createMemorySettingsStore } from './handlers/settings-store';

/** Takes the raw, untrusted input of one channel. Never throws: failures come back as `{ok: false}`. */
export type Handler<K extends RequestName> = (input: unknown) => Promise<Reply<RequestOutput<K>>>;
export type HandlerMap = { [K in RequestName]: Handler<K> };

export interface Backend {
  handlers: HandlerMap;
  /** Routes a request by name; unknown names are refused (what a compromised renderer could send). */
  dispatch(channel: unknown, input: unknown): Promise<Reply<unknown>>;
  /** Pauses every executing audit and waits for the domains in flight to be saved (app quit). */
  stop(): Promise<void>;
}

/** "runId: Too small: expected number to be >=1; name: give the audit a name". */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.length > 0 ? i.path.join('.') : 'request'}: ${i.message}`);
  if (error.issues.length > 5) parts.push(`and ${error.issues.length - 5} more problems`);
  return parts.join('; ');
}

function validated<K extends RequestName>(name: K, impl: Implementation<K>): Handler<K> {
  const schema = requests[name].input as z.ZodType;
  return async (raw) => {
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: `${name}: ${describeIssues(parsed.error)}` } };
    try {
      return { ok: true, value: await impl(parsed.data as Parameters<Implementation<K>>[0]) };
    } catch (err) {
      return { ok: false, error: toIpcError(err) };
    }
  };
}

export function createBackend(deps: HandlerDeps): Backend {
  const runs = createRunManager(deps.db, deps.emit);
  const ctx: HandlerContext = { ...deps, runs, imports: createImportCache(), granted: createGrantedPaths() };
  const impl: Implementations<RequestName> = {
    ...runHandlers(ctx), ...importHandlers(ctx), ...resultHandlers(ctx), ...exportHandlers(ctx), ...bundleHandlers(ctx), ...systemHandlers(ctx), ...reportHandlers(ctx),
  };
  const handlers = Object.fromEntries(REQUEST_NAMES.map((name) => [name, validated(name, impl[name] as Implementation<typeof name>)])) as HandlerMap;
  return {
    handlers,
    async dispatch(channel, input) {
      if (!isRequestName(channel)) return { ok: false, error: toIpcError(new HandlerError('UNKNOWN_CHANNEL', `no such request: ${String(channel).slice(0, 80)}`)) };
      return (handlers[channel] as Handler<RequestName>)(input);
    },
    stop: () => runs.stopAll(),
  };
}
