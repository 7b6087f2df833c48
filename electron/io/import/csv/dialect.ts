/**
 * Which delimiter a CSV uses. Excel writes `,` or `;` depending on the locale, "Unicode text" uses tab, and some
 * exports use `|`. The delimiter that splits the most records into the same number (≥ 2) of fields wins;
 * quotes are honoured while counting, so commas inside quoted names do not vote.
 */
import { CsvTokenizer } from './tokenizer';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

const SAMPLE_RECORDS = 200;

/** Excel's own hint: a first line `sep=;` names the delimiter (Excel hides that line). */
const SEP_LINE = /^sep=([^\r\n])(\r\n|\r|\n|$)/i;

export interface SepLine {
  delimiter: string;
  /** Characters to drop from the start of the text. */
  length: number;
}

export function sepLine(text: string): SepLine | undefined {
  const m = SEP_LINE.exec(text);
  return m ? { delimiter: m[1]!, length: m[0].length } : undefined;
}

/** `sample` is the start of the text; `complete` says it is the whole file (its last record is not cut off). */
export function sniffDelimiter(sample: string, complete: boolean): string {
  let best: string = DELIMITERS[0];
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const score = consistency(sample, d, complete);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** How many records share the most common field count, when that count is at least 2. */
function consistency(sample: string, delimiter: string, complete: boolean): number {
  const tokenizer = new CsvTokenizer(delimiter);
  const records = tokenizer.push(sample);
  if (complete) records.push(...tokenizer.end());
  const counts = new Map<number, number>();
  for (const r of records.slice(0, SAMPLE_RECORDS)) {
    if (!('fields' in r) || (r.fields.length === 1 && r.fields[0]!.trim() === '')) continue;
    counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
  }
  let best = 0;
  for (const [fields, records] of counts) if (fields >= 2 && records > best) best = records;
  return best;
}
