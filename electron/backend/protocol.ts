/**
 * The messages between the main process and the backend process (host.ts). The renderer's contract
 * (shared/ipc.ts) travels inside them unchanged: a `request` carries one channel and its raw input, and its
 * `reply` carries the contract's `{ok, value | error}` envelope. Both ends parse what they receive with these
 * schemas: a message that does not fit is refused, never half-read.
 *
 * Main to backend: `request` (id, channel, input), `grant` (a path the user chose in a dialog, which main
 * shows), `shutdown` (pause every audit, close the store, exit). Backend to main: `ready` once the store is
 * open, `reply` (same id), `event` (a push event for the window), `refused` (a message that could not be read
 * at all, so there is no id to reply to).
 */
import { z } from 'zod';
import type { EventName, Events, Reply } from '../../shared/ipc';

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const toBackendMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('request'), id, channel: z.string().max(80), input: z.unknown() }),
  z.strictObject({ type: z.literal('grant'), kind: z.enum(['read', 'write']), path: z.string().min(1).max(4096) }),
  z.strictObject({ type: z.literal('shutdown'), id }),
]);
export type ToBackend = z.infer<typeof toBackendMessage>;

const ipcError = z.strictObject({ code: z.string().max(40), message: z.string(), reason: z.string().max(40).optional() });
export const fromBackendMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({
    type: z.literal('reply'), id,
    reply: z.union([z.strictObject({ ok: z.literal(true), value: z.unknown() }), z.strictObject({ ok: z.literal(false), error: ipcError })]),
  }),
  z.strictObject({ type: z.literal('event'), event: z.string().max(80), payload: z.unknown() }),
  z.strictObject({ type: z.literal('refused'), message: z.string() }),
  /** The backend could not start (e.g. the database could not be opened); it exits after this. */
  z.strictObject({ type: z.literal('fatal'), message: z.string() }),
]);

/** What the backend sends, typed from the contract (the schema above checks only the envelope). */
export type FromBackend =
  | { type: 'ready' }
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  | { [E in EventName]: { type: 'event'; event: E; payload: Events[E] } }[EventName]
  | { type: 'refused'; message: string }
  | { type: 'fatal'; message: string };

/**
 * One end of the message channel, whatever carries it: Node's IPC pipe to a forked child (tests, benchmark),
 * Electron's utilityProcess in the app (electron/app/backend-process.ts), or the child's own end (host.ts).
 * Messages are structured-cloned, so a dropped file's Uint8Array crosses as bytes.
 */
export interface Port<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
