/**
 * Per-window memory of view state (filters, sort, the active row), so going back to a screen finds it as it
 * was left. Lives as long as the window; nothing is written to disk.
 */
const memory = new Map<string, unknown>();

export function recall<T>(key: string): T | undefined {
  return memory.get(key) as T | undefined;
}

export function remember<T>(key: string, value: T): void {
  memory.set(key, value);
}

export function remembers(key: string): boolean {
  return memory.has(key);
}

/** Where the results table leaves the name of the row it opens, for the domain view's title while loading. */
export const entryLabelKey = (runId: number, runDomainId: number): string => `entry-label:${runId}:${runDomainId}`;

/** The results table's filters of a run; the export view starts from their tag filter. */
export const resultsFiltersKey = (runId: number): string => `results:${runId}:filters`;
