/**
 * About how many bytes of heap a parsed import holds, for the import cache's budget. An estimate from V8's
 * layout on 64-bit builds (objects of a header and 8-byte slots; strings of a 16-byte header and a byte per
 * Latin-1 character, two per other UTF-16 unit, padded to 8). Measured on generated 50,000–100,000-row CSV and
 * XLSX estates it came out 3–30% above the heap each parse kept; that holds because the kept strings are
 * detached from the reader's text (see clean-text.ts).
 */
import type { DomainsFile } from './domains-file';

const SLOT = 8;
const OBJECT = 24;

export function domainsFileBytes(file: DomainsFile): number {
  let bytes = OBJECT + file.columns.reduce((sum, c) => sum + SLOT + text(c), 0);
  for (const r of file.rows) {
    bytes += SLOT + OBJECT + 5 * SLOT + text(r.input) + (r.domain === r.input ? 0 : text(r.domain));
    // Tag names are the column names, shared by every row; the row holds a slot and a value for each.
    const values = Object.values(r.tags);
    bytes += OBJECT + values.reduce((sum, v) => sum + SLOT + text(v), 0);
  }
  for (const r of file.rejects) bytes += SLOT + OBJECT + 4 * SLOT + text(r.value) + text(r.reason);
  return bytes;
}

function text(s: string): number {
  const units = /^[\u0000-\u00ff]*$/.test(s) ? s.length : 2 * s.length;
  return 16 + Math.ceil(units / 8) * 8;
}
