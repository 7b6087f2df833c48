/**
 * The words a client reads about a finding in the workbook: the plain-language title, impact and numbered fix
 * steps of shared/plain-language.ts. The catalogue's spec text stays with the engineers' columns (Code, RFC
 * reference). A code this version does not know (a run stored by a newer one) reads as an unknown finding.
 */
import { CATALOGUE, isFindingCode } from '../../../../shared/findings';
import { PLAIN_TEXT, type PlainText } from '../../../../shared/plain-language';

export function plainOf(code: string): PlainText | undefined {
  return Object.hasOwn(PLAIN_TEXT, code) ? (PLAIN_TEXT as Record<string, PlainText>)[code] : undefined;
}

/** The plain title; a known code still without plain text falls back to the catalogue's title, never to a code. */
export function plainTitle(code: string): string {
  return plainOf(code)?.title ?? (isFindingCode(code) ? CATALOGUE[code].title : 'unknown finding');
}

/** The fix steps, numbered, one per line; empty for a fact that needs no action. */
export function fixSteps(code: string): string | undefined {
  const steps = plainOf(code)?.fix ?? [];
  return steps.length === 0 ? undefined : steps.length === 1 ? steps[0] : steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}
