/**
 * Small text helpers for action texts: every sentence a person reads names things plainly (no codes, no
 * placeholders, no markup), so catalogue advice written for engineers is rewritten here before it is shown.
 */
import { catalogueEntry, severityRank, type FindingCode, type Severity } from '../../../shared/findings';
import { plainText } from '../../../shared/plain-language';

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The client's title for a finding (shared/plain-language.ts), never the engineers' catalogue title. */
export function titleOf(code: FindingCode): string {
  return plainText(code).title;
}

/** A title inside a sentence: lower-case first letter unless it starts an acronym (MX, TLSA, MTA-STS). */
export function inlineTitle(code: FindingCode): string {
  const t = titleOf(code);
  return /^[A-Z][a-z]/.test(t) ? `${t[0]!.toLowerCase()}${t.slice(1)}` : t;
}

/** Several titles inside a sentence. */
export function inlineTitles(codes: readonly FindingCode[]): string {
  return listWords(codes.map(inlineTitle));
}

export function severityOf(code: FindingCode): Severity {
  return catalogueEntry(code).severity;
}

/** Worst severity of the codes; info when there are none. */
export function worstSeverity(codes: readonly FindingCode[]): Severity {
  return codes.map(severityOf).sort((a, b) => severityRank(a) - severityRank(b))[0] ?? 'info';
}

export function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
