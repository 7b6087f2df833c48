/**
 * The size cap on any file the user hands us to read (a domain list); checked by byte-source.ts before a byte is
 * parsed. Its own module so tests can lower it (vi.mock) and both byte-source.ts and import/limits.ts share it.
 */

/** Bigger than any real estate list (100,000 domains as CSV is ~5 MB); stops a wrong file before it is read. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
