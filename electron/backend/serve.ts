/**
 * The backend's side of the channel: reads each message from main, answers requests through the handler map,
 * takes grants, and shuts down on request (every audit paused and saved first). Push events are posted by the
 * backend's `emit` (host.ts). Transport-free, so the same code serves Electron's utilityProcess and a Node child.
 */
import type { Reply } from '../../shared/ipc';
import type { Backend } from '../handlers';
import { toIpcError } from '../handlers/errors';
import { toBackendMessage, type FromBackend, type Port } from './protocol';

/** `exit`: called once shutdown has paused every audit and replied (closes the store, ends the process). */
export function serveBackend(port: Port<FromBackend, unknown>, backend: Backend, exit: () => void): void {
  let closing = false;

  const reply = (id: number, r: Reply<unknown>) => {
    try {
      port.post({ type: 'reply', id, reply: r });
    } catch (err) {
      // A value that cannot be structured-cloned must still answer its request.
      port.post({ type: 'reply', id, reply: { ok: false, error: toIpcError(err) } });
    }
  };

  port.onMessage((raw) => {
    const parsed = toBackendMessage.safeParse(raw);
    if (!parsed.success) {
      const id = requestId(raw);
      const message = `malformed message: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`;
      if (id !== undefined) reply(id, { ok: false, error: { code: 'BAD_REQUEST', message } });
      else port.post({ type: 'refused', message });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'grant') {
      backend.grant(msg.kind, msg.path);
      return;
    }
    if (closing) {
      reply(msg.id, { ok: false, error: { code: 'BACKEND_UNAVAILABLE', message: 'the backend is shutting down' } });
      return;
    }
    if (msg.type === 'shutdown') {
      closing = true;
      // Pause, not cancel: the audits stay resumable (RunManager.stopAll); the reply goes out before the exit.
      void backend.stop().then(
        () => reply(msg.id, { ok: true, value: null }),
        (err: unknown) => reply(msg.id, { ok: false, error: toIpcError(err) }),
      ).finally(exit);
      return;
    }
    void backend.dispatch(msg.channel, msg.input).then((r) => reply(msg.id, r));
  });
}

/** The id of a request that failed to parse, when it has a usable one (so its caller is not left waiting). */
function requestId(raw: unknown): number | undefined {
  if (!raw || typeof raw !== 'object' || !('id' in raw)) return undefined;
  const id = (raw as { id: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 1 ? id : undefined;
}
