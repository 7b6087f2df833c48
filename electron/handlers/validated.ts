/**
 * One channel's implementation behind its contract schema: the raw, untrusted input is parsed before any work
 * and every outcome is a `{ok, value | error}` envelope. Imports only the contract, so the main process can
 * validate the channels it answers itself (electron/backend/main-router.ts) without loading the engine.
 */
import type { z } from 'zod';
import { requests, type Reply, type RequestName, type RequestOutput } from '../../shared/ipc';
import type { Implementation } from './context';
import { toIpcError } from './errors';

/** Takes the raw, untrusted input of one channel. Never throws: failures come back as `{ok: false}`. */
export type Handler<K extends RequestName> = (input: unknown) => Promise<Reply<RequestOutput<K>>>;

/** "runId: Too small: expected number to be >=1; name: give the audit a name". */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.length > 0 ? i.path.join('.') : 'request'}: ${i.message}`);
  if (error.issues.length > 5) parts.push(`and ${error.issues.length - 5} more problems`);
  return parts.join('; ');
}

export function validated<K extends RequestName>(name: K, impl: Implementation<K>): Handler<K> {
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
