/**
 * The words a client reads for a finding: its plain title, what it means for their mail, and how to fix it.
 * Taken from the catalogue's title, description and remediation (code spans unquoted) until the client-facing
 * texts (shared/plain-language.ts) are wired in here; every PDF part asks this one function.
 */
import { CATALOGUE, type FindingCode } from '../../../shared/findings';
import { plainCatalogueText } from '../report/labels';

export interface FindingWords {
  title: string;
  impact: string;
  fix: string[];
}

export function findingWords(code: FindingCode): FindingWords {
  const e = CATALOGUE[code];
  if (!e) return { title: 'Unknown finding', impact: '', fix: [] };
  return { title: e.title, impact: plainCatalogueText(e.description), fix: e.remediation ? [plainCatalogueText(e.remediation)] : [] };
}
