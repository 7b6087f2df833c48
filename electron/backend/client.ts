/**
 * Main's end of the channel to the backend process: requests with ids and their replies, grants, push
 * events handed to `emit` (the window), and the bounded shutdown of the close path. Transport-free (a
 * `ChildLink`), so it is tested in plain Node against a real child (fork.ts) and used by the app over
 * Electron's utilityProcess (electron/app/backend-process.ts). Never throws to its caller: a backend that is
 * gone answers BACKEND_UNAVAILABLE.
 */
import { isEventName, isRequestName, type Reply } from '../../shared/ipc';
import type { Emit } from '../handlers/run-manager';
import { fromBackendMessage, type Port, type ToBackend } from './protocol';

/** The child process as main sees it. */
export interface ChildLink extends Port<ToBackend, unknown> {
  /** Called once, when the process has ended (`code` null: killed by a signal). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type ShutdownOutcome =
  /** Every audit was paused and saved, the store closed and the process ended. */
  | 'paused'
  /** The backend did not answer in time and was killed: audits in flight stay "running" (listed as interrupted, resumable). */
  | 'killed'
  /** It had already ended. */
  | 'gone';

export interface BackendClient {
  /** Resolves once the backend has opened the store; rejects if it could not start. */
  ready: Promise<void>;
  dispatch(channel: unknown, input: unknown): Promise<Reply<unknown>>;
  /** Passes on a path the user chose in a dialog shown by main (ordered before any later request). */
  grant(kind: 'read' | 'write', path: string): void;
  /** Asks the backend to pause every audit and exit, waiting at most `timeoutMs` before killing it. */
  shutdown(timeoutMs: number): Promise<ShutdownOutcome>;
  /** Resolves when the process has ended, with its exit code. */
  exited: Promise<number | null>;
  /** Messages from the backend that did not fit the protocol, dropped (kept for tests and logs). */
  dropped(): number;
}

const unavailable = (message: string): Reply<never> => ({ ok: false, error: { code: 'BACKEND_UNAVAILABLE', message } });

export function createBackendClient(link: ChildLink, emit: Emit): BackendClient {
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  let nextId = 1;
  let gone = false;
  let fatal: string | undefined;
  let dropped = 0;
  let markReady!: () => void;
  let failReady!: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => {}); // a caller that never awaits it must not see an unhandled rejection
  let markExited!: (code: number | null) => void;
  const exited = new Promise<number | null>((resolve) => {
    markExited = resolve;
  });

  link.onMessage((raw) => {
    const parsed = fromBackendMessage.safeParse(raw);
    if (!parsed.success) {
      dropped++;
      // A reply that does not fit still ends its request: the window must not wait for an answer forever.
      const id = (raw as { type?: unknown; id?: unknown } | null)?.id;
      const settle = (raw as { type?: unknown } | null)?.type === 'reply' && typeof id === 'number' ? pending.get(id) : undefined;
      if (settle) {
        pending.delete(id as number);
        settle({ ok: false, error: { code: 'INTERNAL', message: 'the backend answered outside the protocol' } });
      }
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        markReady();
        break;
      case 'reply': {
        const settle = pending.get(msg.id);
        pending.delete(msg.id);
        settle?.(msg.reply as Reply<unknown>);
        break;
      }
      case 'event':
        if (isEventName(msg.event)) emit(msg.event, msg.payload as never);
        else dropped++;
        break;
      case 'fatal':
        fatal = msg.message;
        failReady(new Error(`the backend could not start: ${msg.message}`));
        break;
      case 'refused':
        // The backend could not read something main sent: a bug on this side, worth seeing in the log.
        console.error(`backend refused a message: ${msg.message}`);
        break;
    }
  });

  link.onExit((code) => {
    gone = true;
    failReady(new Error(fatal ? `the backend could not start: ${fatal}` : `the backend ended (exit code ${code}) before it was ready`));
    for (const settle of pending.values()) settle(unavailable(`the backend process ended (exit code ${code}) before answering`));
    pending.clear();
    markExited(code);
  });

  function send(make: (id: number) => ToBackend): Promise<Reply<unknown>> {
    if (gone) return Promise.resolve(unavailable('the backend process is not running'));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        link.post(make(id));
      } catch (err) {
        // E.g. an input that cannot be cloned: this request fails, the channel stays usable.
        pending.delete(id);
        resolve({ ok: false, error: { code: 'BAD_REQUEST', message: `could not send the request: ${err instanceof Error ? err.message : String(err)}` } });
      }
    });
  }

  return {
    ready,
    exited,
    dropped: () => dropped,
    dispatch(channel, input) {
      // Refused here, without a round trip: what a compromised renderer could send.
      if (!isRequestName(channel)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no such request: ${String(channel).slice(0, 80)}` } });
      return send((id) => ({ type: 'request', id, channel, input }));
    },
    grant(kind, path) {
      if (!gone) link.post({ type: 'grant', kind, path });
    },
    async shutdown(timeoutMs) {
      if (gone) return 'gone';
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      // The reply says the audits are saved; the exit says the store is closed. Both within the bound.
      const done = send((id) => ({ type: 'shutdown', id })).then(async (reply) => {
        await exited;
        return reply;
      });
      const outcome = await Promise.race([done, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        link.kill();
        await exited;
        return 'killed';
      }
      return outcome.ok ? 'paused' : 'gone';
    },
  };
}
