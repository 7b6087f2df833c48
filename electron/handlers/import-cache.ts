/**
 * Parsed imports wait here under a random token between `import:preview` and `run:start`, so the renderer
 * never sends 100k rows back over IPC. One import can be large (up to a million rows, plus the bytes of a
 * dropped file), so the cache keeps a memory budget rather than a count: the least recently used imports go
 * first, and an import bigger than the whole budget is not kept at all. Reading the same file again (another
 * sheet or column) replaces its import under the same token, so a token always names its latest preview.
 */
import { randomUUID } from 'node:crypto';

/** What the cached imports may hold together, by their estimated size. */
export const IMPORT_CACHE_BYTES = 256 * 1024 * 1024;

export interface CachedImport<S, P> {
  fileName: string;
  /** What was read, so the same file can be re-read with another sheet or column. */
  source: S;
  parsed: P;
}

export interface ImportCache<S, P> {
  /**
   * Keeps `entry`, estimated at `bytes`, under `token` (replacing what that token held) or under a new token.
   * Undefined when the entry alone is over the budget: it is not kept, and what the token held is gone too.
   */
  put(entry: CachedImport<S, P>, bytes: number, token?: string): string | undefined;
  /** The entry, which becomes the most recently used. */
  get(token: string): CachedImport<S, P> | undefined;
  take(token: string): CachedImport<S, P> | undefined;
  /** The token of an entry `match` accepts. */
  find(match: (entry: CachedImport<S, P>) => boolean): string | undefined;
}

export function createImportCache<S, P>(maxBytes = IMPORT_CACHE_BYTES): ImportCache<S, P> {
  // Map keeps insertion order, and every use re-inserts: the first key is always the least recently used.
  const entries = new Map<string, { entry: CachedImport<S, P>; bytes: number }>();
  let total = 0;
  const drop = (token: string): CachedImport<S, P> | undefined => {
    const held = entries.get(token);
    if (!held) return undefined;
    entries.delete(token);
    total -= held.bytes;
    return held.entry;
  };
  return {
    put(entry, bytes, token = randomUUID()) {
      drop(token);
      if (!(bytes <= maxBytes)) return undefined;
      for (const oldest of entries.keys()) {
        if (total + bytes <= maxBytes) break;
        drop(oldest);
      }
      entries.set(token, { entry, bytes });
      total += bytes;
      return token;
    },
    get(token) {
      const held = entries.get(token);
      if (!held) return undefined;
      entries.delete(token);
      entries.set(token, held);
      return held.entry;
    },
    take: drop,
    find(match) {
      for (const [token, held] of entries) if (match(held.entry)) return token;
      return undefined;
    },
  };
}
