/**
 * What the exporters read, and nothing more: one run's metadata, its results as repeatable streaming passes,
 * the probed MX addresses and the comparison with the previous audit. The writers depend on this interface,
 * not on the store, so they can be tested with plain data and stay independent of how runs are persisted.
 */
import type { DomainFindings, DomainResult, RunRecord, SmtpProbe } from '../../../shared/types';
import type { DomainComparison } from '../../engine/compare';
import type { Correlation } from '../../../shared/tlsrpt';
import type { TagFilter } from '../../../shared/tags';

/** The run facts a report prints. */
export type ReportRun = Omit<RunRecord, 'done' | 'postureCounts' | 'outcomeCounts' | 'severityCounts'> & {
  /**
   * A run opened from a bundle: evidence.json's first line as the bundle held it, which evidence-json.ts writes
   * verbatim so the re-exported file is the bundle's byte for byte (its schema version and header included).
   */
  evidenceHead?: string;
};

export interface ReportItem {
  result: DomainResult;
  tags: Record<string, string>;
}

export interface ProbeUse {
  probe: SmtpProbe;
  /** Domains whose MX set contains this host. */
  domains: string[];
}

export interface PreviousAudit {
  run: ReportRun;
  /** Per-domain differences, in the later run's order, then the domains only in the earlier run. */
  comparisons(): Iterable<DomainComparison>;
}

export interface ReportSource {
  run: ReportRun;
  /** Every result in import order. Each call starts a new pass; callers must not hold more than one item. */
  results(): Iterable<ReportItem>;
  /** Each probed MX host/address once, with the domains that use it. */
  mxProbes(): Iterable<ProbeUse>;
  /**
   * Each domain's findings in import order, for sources that hold them apart from the results (the store):
   * cheaper than a pass over whole results. Without it, readers take them from results().
   */
  findingsByDomain?(): Iterable<DomainFindings>;
  /**
   * Each result's tags in results() order, for sources that hold them apart (the store): the workbook learns
   * its tag columns before its one pass over whole results. Without it, readers take them from results().
   */
  tags?(): Iterable<Record<string, string>>;
  previous: PreviousAudit | undefined;
  /** The run's domains next to the TLS-RPT reports of the 30 days before `at` (absent: no reports to show). */
  tlsrpt?(at: Date): Correlation | undefined;
  /** Set when the export holds only the domains with one tag value: the Summaries say so, with the counts. */
  filter?: ReportFilter;
}

export interface ReportFilter {
  tag: TagFilter;
  /** Imported rows with the tag value, audited or not. */
  matched: number;
  /** Imported rows of the whole run. */
  of: number;
}

/** The name a domain is listed under: the normalised domain, or the raw input when it was not a host name. */
export function domainLabel(r: Pick<DomainResult, 'domain' | 'input'>): string {
  return r.domain || r.input;
}

/** Lets the streaming writers (exceljs, pdfkit, fs) drain between batches of synchronous reads. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
