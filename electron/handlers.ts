/**
 * The app's backend behind IPC: one handler per channel of the contract in shared/ipc.ts. Every input is
 * parsed with the channel's zod schema before any work; every outcome is a `{ok, value | error}` envelope.
 * No Electron import: the backend process (electron/backend/host.ts), the Chromium end-to-end test and the
 * handler tests call the same map.
 */
import { isRequestName, REQUEST_NAMES, type Reply, type RequestName } from '../shared/ipc';
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
import { shellElsewhere, shellHandlers } from './handlers/shell';
import { validated, type Handler } from './handlers/validated';

export type { Dialogs, HandlerDeps } from './handlers/context';
export type { SettingsStore } from './handlers/settings-store';
export type { Handler } from './handlers/validated';
export { createFileSettingsStore, createMemorySettingsStore } from './handlers/settings-store';

export type HandlerMap = { [K in RequestName]: Handler<K> };

export interface Backend {
  handlers: HandlerMap;
  /** Routes a request by name; unknown names are refused (what a compromised renderer could send). */
  dispatch(channel: unknown, input: unknown): Promise<Reply<unknown>>;
  /**
   * Accepts a path the user chose in a dialog answered elsewhere (the main process), so the import and export
   * handlers may read or write it.
   */
  grant(kind: 'read' | 'write', file: string): void;
  /** Pauses every executing audit and waits for the domains in flight to be saved (app quit). */
  stop(): Promise<void>;
}

export function createBackend(deps: HandlerDeps): Backend {
  const runs = createRunManager(deps.db, deps.emit);
  const ctx: HandlerContext = { ...deps, runs, imports: createImportCache(), granted: createGrantedPaths() };
  const { dialogs, showItem } = deps;
  const shell = dialogs && showItem ? shellHandlers({ dialogs, showItem, granted: ctx.granted }) : shellElsewhere();
  const impl: Implementations<RequestName> = {
    ...runHandlers(ctx), ...importHandlers(ctx), ...resultHandlers(ctx), ...exportHandlers(ctx), ...bundleHandlers(ctx), ...systemHandlers(ctx), ...reportHandlers(ctx),
    ...runHandlers(ctx), ...importHandlers(ctx), ...resultHandlers(ctx), ...exportHandlers(ctx), ...systemHandlers(ctx), ...shell,
  };
  const handlers = Object.fromEntries(REQUEST_NAMES.map((name) => [name, validated(name, impl[name] as Implementation<typeof name>)])) as HandlerMap;
  return {
    handlers,
    async dispatch(channel, input) {
      if (!isRequestName(channel)) return { ok: false, error: toIpcError(new HandlerError('UNKNOWN_CHANNEL', `no such request: ${String(channel).slice(0, 80)}`)) };
      return (handlers[channel] as Handler<RequestName>)(input);
    },
    grant(kind, file) {
      ctx.granted.grant(kind, file);
    },
    stop: () => runs.stopAll(),
  };
}
