/**
 * A new `id` for the _mta-sts record. Senders compare ids as opaque strings and re-fetch the policy whenever
 * the id differs from the one they cached (RFC 8461 §3.1, §5.1), so the only hard rule is "different from the
 * current one"; the audit time in UTC (YYYYMMDDTHHMMSS, letters and digits only, 15 characters, well inside
 * the 1–32 of the grammar) also tells a person when the change was proposed.
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function idFromTime(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
}

/** The audit time as an id, moved on by a second at a time while it equals the current id. */
export function freshId(now: Date, currentId?: string): string {
  let at = now.getTime();
  let id = idFromTime(new Date(at));
  while (currentId !== undefined && id === currentId) {
    at += 1000;
    id = idFromTime(new Date(at));
  }
  return id;
}
