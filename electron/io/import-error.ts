/** The one error the importer throws: a file that cannot be read at all, with a message for the person who chose it. */
import type { ImportErrorCode } from '../../shared/domains-file';

export type { ImportErrorCode } from '../../shared/domains-file';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(readonly code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `"a", "b" and "c"` for error messages that list the valid choices. */
export function quoteList(items: readonly string[], max = 30): string {
  const shown = items.slice(0, max).map((s) => `"${s}"`);
  if (items.length > max) shown.push(`… (${items.length - max} more)`);
  return shown.length <= 1 ? (shown[0] ?? '(none)') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
