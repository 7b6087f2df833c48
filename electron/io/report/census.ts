/**
 * One streaming pass that counts what the summary pages show: postures, findings per severity and per code,
 * the tag names used across the run and why transport checks were skipped. Counting from the results
 * themselves keeps every figure in the summary consistent with the rows listed after it.
 */
import { CATALOGUE, POSTURES, SEVERITIES, severityRank, type CatalogueEntry, type FindingCode, type Posture, type Severity } from '../../../shared/findings';
import { MAX_TAG_COLUMNS } from '../../../shared/tags';
import { OUTCOMES, resultOutcome, type Outcome } from '../../../shared/outcome';
import { yieldToEventLoop, type ReportItem, type ReportSource } from './source';

export interface CodeCount {
  code: FindingCode;
  entry: CatalogueEntry;
  /** Findings with this code. */
  count: number;
  /** Domains with at least one such finding. */
  domains: number;
}

export interface Census {
  /** Domains imported into the run. */
  imported: number;
  /** Domains with a result. */
  audited: number;
  /** Domains whose audit ended in posture error. */
  failed: number;
  postures: Record<Posture, number>;
  /** Domains per protection outcome (shared/outcome.ts), decided as the store decides it. */
  outcomes: Record<Outcome, number>;
  /** Domains with no finding above info. */
  withoutDefects: number;
  findings: Record<Severity, number>;
  /** Domains with at least one finding of that severity. */
  domainsWith: Record<Severity, number>;
  codes: CodeCount[];
  /**
   * The tag names that get a column of their own: the first MAX_TAG_COLUMNS across the run, in order of first
   * appearance (shared/tags.ts says why there is a cap).
   */
  tagNames: string[];
  /** Further distinct tag names, folded into one "Other tags" column. */
  otherTagNames: number;
  /** DomainResult.smtpNotTested reason → number of domains. */
  smtpNotTested: Map<string, number>;
  mxHostsSeen: number;
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * The census counted item by item, so a writer that reads every result anyway (the workbook's Domains pass)
 * can count in the same pass instead of inflating and parsing every result once more.
 */
export class CensusCounter {
  private readonly postures = zero(POSTURES);
  private readonly outcomes = zero(OUTCOMES);
  private withoutDefects = 0;
  private readonly findings = zero(SEVERITIES);
  private readonly domainsWith = zero(SEVERITIES);
  private readonly codes = new Map<FindingCode, { count: number; domains: number }>();
  private readonly tagNames = new Set<string>();
  private readonly otherTagNames = new Set<string>();
  private readonly smtpNotTested = new Map<string, number>();
  private readonly mxHosts = new Set<string>();
  private audited = 0;

  add({ result, tags }: ReportItem): void {
    const { postures, findings, codes } = this;
    this.audited++;
    if (Object.hasOwn(postures, result.posture)) postures[result.posture]++;
    this.outcomes[resultOutcome(result).outcome]++;
    if (!hasDefect(result)) this.withoutDefects++;
    addTagNames(this.tagNames, this.otherTagNames, tags);
    if (result.smtpNotTested) this.smtpNotTested.set(result.smtpNotTested, (this.smtpNotTested.get(result.smtpNotTested) ?? 0) + 1);
    for (const host of result.mx) this.mxHosts.add(host.host.toLowerCase());
    const seenSeverity = new Set<Severity>();
    const seenCode = new Set<FindingCode>();
    for (const f of result.findings) {
      if (Object.hasOwn(findings, f.severity)) findings[f.severity]++;
      seenSeverity.add(f.severity);
      const c = codes.get(f.code) ?? { count: 0, domains: 0 };
      c.count++;
      if (!seenCode.has(f.code)) c.domains++;
      seenCode.add(f.code);
      codes.set(f.code, c);
    }
    for (const sev of seenSeverity) if (Object.hasOwn(this.domainsWith, sev)) this.domainsWith[sev]++;
  }

  /** How many items were added. */
  get count(): number {
    return this.audited;
  }

  result(source: ReportSource): Census {
    return {
      imported: Math.max(source.run.total, this.audited),
      audited: this.audited,
      failed: this.postures.error,
      postures: this.postures,
      outcomes: this.outcomes,
      withoutDefects: this.withoutDefects,
      findings: this.findings,
      domainsWith: this.domainsWith,
      codes: sortCodes(this.codes),
      tagNames: [...this.tagNames],
      otherTagNames: this.otherTagNames.size,
      smtpNotTested: this.smtpNotTested,
      mxHostsSeen: this.mxHosts.size,
    };
  }
}

/** First MAX_TAG_COLUMNS names in order of first appearance get a column; the rest are counted apart. */
function addTagNames(shown: Set<string>, other: Set<string>, tags: Record<string, string>): void {
  for (const name of Object.keys(tags)) {
    if (shown.has(name)) continue;
    if (shown.size < MAX_TAG_COLUMNS) shown.add(name);
    else other.add(name);
  }
}

/** The census's tag columns alone (Census.tagNames, otherTagNames), from the tags of the audited domains. */
export function tagColumns(tagSets: Iterable<Record<string, string>>): { tagNames: string[]; otherTagNames: number } {
  const shown = new Set<string>();
  const other = new Set<string>();
  for (const tags of tagSets) addTagNames(shown, other, tags);
  return { tagNames: [...shown], otherTagNames: other.size };
}

export async function takeCensus(source: ReportSource): Promise<Census> {
  const counter = new CensusCounter();
  for (const item of source.results()) {
    counter.add(item);
    if (counter.count % 500 === 0) await yieldToEventLoop();
  }
  return counter.result(source);
}

/** Worst severity first, then the most widespread, then by code so the order is stable. */
function sortCodes(codes: Map<FindingCode, { count: number; domains: number }>): CodeCount[] {
  return [...codes]
    .filter(([code]) => Object.hasOwn(CATALOGUE, code))
    .map(([code, c]) => ({ code, entry: CATALOGUE[code], ...c }))
    .sort((a, b) => severityRank(a.entry.severity) - severityRank(b.entry.severity) || b.domains - a.domains || a.code.localeCompare(b.code));
}

/** The most frequent actionable findings (info facts need no action, so they never crowd out a problem). */
export function topFindings(census: Census, limit = 15): CodeCount[] {
  return census.codes
    .filter((c) => c.entry.severity !== 'info')
    .sort((a, b) => b.domains - a.domains || b.count - a.count || severityRank(a.entry.severity) - severityRank(b.entry.severity) || a.code.localeCompare(b.code))
    .slice(0, limit);
}

/** Domains that carry a given finding code anywhere in the run. */
export function domainsWithCode(census: Census, code: FindingCode): number {
  return census.codes.find((c) => c.code === code)?.domains ?? 0;
}

/** A defect is any finding above info: something to fix, not a fact for the record. */
export function hasDefect(r: { findings: readonly { severity: Severity }[] }): boolean {
  return r.findings.some((f) => f.severity !== 'info');
}
