/**
 * Failures a handler reports on purpose carry a stable code; anything else becomes INTERNAL with a short
 * message (no stack: the renderer shows it to people).
 */
import type { ImportErrorCode } from '../../shared/domains-file';
import type { IpcError, IpcErrorCode } from '../../shared/ipc';

export class HandlerError extends Error {
  readonly code: IpcErrorCode;
  readonly reason: ImportErrorCode | undefined;

  constructor(code: IpcErrorCode, message: string, reason?: ImportErrorCode) {
    super(message);
    this.name = 'HandlerError';
    this.code = code;
    this.reason = reason;
  }
}

export function toIpcError(err: unknown): IpcError {
  if (err instanceof HandlerError) return { code: err.code, message: err.message, ...(err.reason ? { reason: err.reason } : {}) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: message.split('\n')[0]!.slice(0, 500) || 'unexpected error' };
}

export function notFound(what: string): HandlerError {
  return new HandlerError('NOT_FOUND', `${what} does not exist (it may have been deleted)`);
}
