/**
 * Which runs belong to the same client. Comparisons between runs (the workbook's Changes sheet, the PDF's
 * "since the previous audit", the per-domain change findings) end up in a deliverable for one client, so they
 * may only ever draw on that client's own runs: another client's baseline would list its domains as
 * "removed", or reveal that someone else audited a domain.
 *
 * The rule: trimmed, with '' meaning none (NULL), compared with `IS`, so a run without a client matches only
 * runs without a client. Exact otherwise: "ACME" and "Acme" are two clients, because merging two clients by
 * mistake leaks one's domains to the other, while keeping one client's two spellings apart only loses a
 * comparison.
 */

/** The SQL expression of a run's client key, for the `runs` row aliased `table`. */
export const CLIENT_KEY = (table: string): string => `nullif(trim(${table}.client), '')`;

/** The client as createRun stores it: trimmed, and null when there is none (the key above, written once). */
export function storedClient(client: string | undefined | null): string | null {
  const trimmed = client?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
