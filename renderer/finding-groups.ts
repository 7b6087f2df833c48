/**
 * How findings are grouped on screen: problems (critical to low) first, worst first, and info-level facts
 * apart. Presentation only: each finding's severity is the catalogue's, decided by the engine.
 */
import { catalogueEntry, severityRank } from '../shared/findings';
import type { Finding, FindingCode } from '../shared/types';

export interface FindingGroups {
  /** critical, high, medium and low findings, most severe first (stable within a severity). */
  problems: Finding[];
  /** info findings: what was checked and found in order. */
  facts: Finding[];
}

export function groupFindings(findings: readonly Finding[]): FindingGroups {
  const problems = findings.filter((f) => f.severity !== 'info');
  problems.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  return { problems, facts: findings.filter((f) => f.severity === 'info') };
}

/** The codes of a results row that are problems, most severe first: what the table's code column lists. */
export function problemCodes(codes: readonly FindingCode[]): FindingCode[] {
  const rank = (c: FindingCode) => severityRank(catalogueEntry(c).severity);
  return codes.filter((c) => catalogueEntry(c).severity !== 'info').sort((a, b) => rank(a) - rank(b));
}
