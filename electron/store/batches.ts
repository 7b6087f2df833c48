/**
 * Streams a large ordered query in keyset pages instead of holding one cursor open. better-sqlite3 refuses
 * every write on a connection while a statement is being iterated ("connection is busy"), and callers of
 * our iterables do write (saving results while walking an earlier run); between pages nothing is open.
 * Memory stays bounded by the page size.
 */

export const PAGE_SIZE = 256;

/** Yields every row of `fetch(afterKey)` pages, where each page holds the rows with key > afterKey in key order. */
export function* keysetPages<T>(fetch: (afterKey: number) => T[], keyOf: (row: T) => number): Generator<T> {
  let after = 0; // keys are rowids, which start at 1
  for (;;) {
    const page = fetch(after);
    yield* page;
    if (page.length < PAGE_SIZE) return;
    after = keyOf(page[page.length - 1]!);
  }
}
