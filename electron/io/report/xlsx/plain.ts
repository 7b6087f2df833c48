/**
 * The words a client reads about a finding in the workbook: the plain-language title, impact and numbered fix
 * steps of shared/plain-language.ts. The catalogue's spec text stays with the engineers' columns (Code, RFC
 * reference). A code this version does not know (a run stored by a newer one) reads as an unknown finding.
 */
import { isFindingCode, type FindingCode } from '../../../../shared/findings';
import { plainText, type PlainText } from '../../../../shared/plain-language';

export function plainOf(code: string): PlainText | undefined {
  return isFindingCode(code) ? plainText(code as FindingCode) : undefined;
}

export function plainTitle(code: string): string {
  return plainOf(code)?.title ?? 'unknown finding';
}

/** The fix steps, numbered, one per line; empty for a fact that needs no action. */
export function fixSteps(code: string): string | undefined {
  const steps = plainOf(code)?.fix ?? [];
  return steps.length === 0 ? undefined : steps.length === 1 ? steps[0] : steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}
