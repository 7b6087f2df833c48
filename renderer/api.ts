/**
 * The only module that touches `window.auditor` (exposed by the preload). Replies arrive as
 * `{ok, value | error}` envelopes; here they become a value or a thrown ApiError with the stable code.
 */
import type { AuditorApi, EventName, Events, IpcError, IpcErrorCode, RequestInput, RequestName, RequestOutput } from '../shared/ipc';

declare global {
  interface Window {
    auditor?: AuditorApi;
  }
}

export class ApiError extends Error {
  readonly code: IpcErrorCode | 'NO_BRIDGE';
  /** IMPORT_FAILED: the importer's own code (EMPTY, TOO_LARGE, NO_DOMAINS, …). */
  readonly reason: IpcError['reason'];

  constructor(code: IpcErrorCode | 'NO_BRIDGE', message: string, reason?: IpcError['reason']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
  }
}

function bridge(): AuditorApi {
  if (!window.auditor) throw new ApiError('NO_BRIDGE', 'The app backend is not available (the window was not opened by MTA-STS Auditor).');
  return window.auditor;
}

export async function invoke<K extends RequestName>(channel: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const reply = await bridge().invoke(channel, input);
  if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message, reply.error.reason);
  return reply.value;
}

export function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge().on(event, listener);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
