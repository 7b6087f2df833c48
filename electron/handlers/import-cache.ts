/**
 * Parsed imports wait here under a random token between `import:preview` and `run:start`, so the renderer
 * never sends 100k rows back over IPC. Only the few most recent previews are kept.
 */
import { randomUUID } from 'node:crypto';

export interface CachedImport<S, P> {
  fileName: string;
  /** What was read, so the same file can be re-read with another sheet or column. */
  source: S;
  parsed: P;
}

export interface ImportCache<S, P> {
  put(entry: CachedImport<S, P>): string;
  get(token: string): CachedImport<S, P> | undefined;
  take(token: string): CachedImport<S, P> | undefined;
}

export function createImportCache<S, P>(max = 4): ImportCache<S, P> {
  const entries = new Map<string, CachedImport<S, P>>();
  return {
    put(entry) {
      const token = randomUUID();
      entries.set(token, entry);
      // Map keeps insertion order: drop the oldest previews first (each can hold 100k rows).
      while (entries.size > max) entries.delete(entries.keys().next().value!);
      return token;
    },
    get: (token) => entries.get(token),
    take(token) {
      const e = entries.get(token);
      entries.delete(token);
      return e;
    },
  };
}
