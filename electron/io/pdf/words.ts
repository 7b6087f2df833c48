/**
 * The words a client reads for a finding: its plain title, what it means for their mail, and how to fix it
 * (shared/plain-language.ts). The catalogue's spec text stays for engineers; the pack prints the code beside the
 * plain title only in the engineers' places (finding tables, the facts list).
 */
import { CATALOGUE, type FindingCode } from '../../../shared/findings';
import { plainText } from '../../../shared/plain-language';

export interface FindingWords {
  title: string;
  impact: string;
  fix: string[];
}

export function findingWords(code: FindingCode): FindingWords {
  if (!Object.hasOwn(CATALOGUE, code)) return { title: 'Unknown finding', impact: '', fix: [] };
  const p = plainText(code);
  return { title: p.title, impact: p.impact, fix: [...p.fix] };
}
