/**
 * Applying a partial settings update. zod's `.partial()` and `.optional()` keep a key that was sent as
 * `undefined` (structured clone carries it over IPC), and an object spread copies it: `{ ...saved, ...patch }`
 * then erases a saved setting the user never touched. So the two intents are told apart explicitly:
 *
 *   absent or undefined  keep what is there;
 *   null                 clear it (only optional settings accept null in the contract, e.g. extraCaPem).
 */

/** A partial update of T as the contract parses it. */
export type Patch<T> = { [K in keyof T]?: T[K] | null | undefined };

/** `base` with `patch` applied by the rules above; neither argument is modified. */
export function applyPatch<T extends object>(base: T, patch: Patch<T> | undefined): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  if (!patch) return out as T;
  for (const key of Object.keys(patch)) {
    const value: unknown = (patch as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (value === null) delete out[key];
    // Defined, not assigned: a key "__proto__" (the schemas refuse unknown keys, but this does not rely on
    // it) stays an own property instead of replacing the prototype.
    else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}
