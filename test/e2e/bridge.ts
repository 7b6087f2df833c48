/**
 * Stands in for the preload in a plain Chromium page: `window.auditor.invoke` goes through a Playwright
 * binding to the real backend's `dispatch`, and push events are delivered with `page.evaluate`.
 * Uint8Arrays (dropped files) travel as base64, since bindings carry JSON-like values. Replies travel as JSON
 * text parsed in the page: like Electron's structured clone (and unlike Playwright's own deserialiser, which
 * assigns keys), JSON.parse keeps a key such as "__proto__" (an imported column's name) as an own property.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Backend } from '../../electron/handlers';

type Encoded = { __bytes: string };

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    if ('__bytes' in value) return new Uint8Array(Buffer.from((value as Encoded).__bytes, 'base64'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** Runs in the page before its scripts, like a preload. */
function pageBridge(): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const encode = (v: unknown): unknown => {
    if (v instanceof Uint8Array) {
      let s = '';
      for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
      return { __bytes: btoa(s) };
    }
    if (Array.isArray(v)) return v.map(encode);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
    return v;
  };
  // Runs in the page: globalThis is its window (this file is type-checked without the DOM lib).
  const w = globalThis as unknown as Record<string, unknown>;
  const invoke = w.__auditorInvoke as (channel: string, input: unknown) => Promise<unknown>;
  w.auditor = Object.freeze({
    invoke: async (channel: string, input: unknown) => JSON.parse(await invoke(channel, encode(input)) as string) as unknown,
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  w.__auditorEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
}

export async function installBridge(context: BrowserContext, getBackend: () => Backend): Promise<void> {
  await context.exposeBinding('__auditorInvoke', async (_source, channel: unknown, input: unknown) => JSON.stringify(await getBackend().dispatch(channel, revive(input))));
  await context.addInitScript(pageBridge);
}

/** The `emit` dependency of the backend: forwards push events into the page. */
export function pageEmitter(getPage: () => Page | undefined) {
  return (event: string, payload: unknown): void => {
    getPage()?.evaluate(([e, p]) => (globalThis as unknown as { __auditorEmit(e: string, p: unknown): void }).__auditorEmit(e, p), [event, payload] as const).catch(() => {});
  };
}
