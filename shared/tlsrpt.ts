/**
 * TLS-RPT reports (RFC 8460 §4) as the importer validates them, the store keeps them and the correlation
 * reads them: shared so each layer depends only on these shapes.
 */

/** A validated report in the shape the store and the correlation use. */
export interface TlsRptReport {
  organization: string;
  reportId: string;
  contact?: string;
  start: string;
  end: string;
  policies: TlsRptPolicy[];
}

export interface TlsRptPolicy {
  type: 'sts' | 'tlsa' | 'no-policy-found';
  domain: string;
  strings: string[];
  mxHosts: string[];
  successful: number;
  failed: number;
  failures: TlsRptFailure[];
}

export interface TlsRptFailure {
  resultType: string;
  sendingMtaIp?: string;
  receivingMx?: string;
  receivingHelo?: string;
  receivingIp?: string;
  sessions: number;
  additionalInformation?: string;
  failureReasonCode?: string;
}

/** One policy of one report, with its failures: the unit the correlation reads. */
export interface ObservedPolicy {
  organization: string;
  start: string;
  end: string;
  type: 'sts' | 'tlsa' | 'no-policy-found';
  domain: string;
  mxHosts: string[];
  successful: number;
  failed: number;
  failures: { resultType: string; sendingMtaIp: string | null; receivingMx: string | null; receivingIp: string | null; sessions: number }[];
}

// ---------------------------------------------------------------------------------------------- correlation
// The shapes electron/engine/tlsrpt/correlate.ts produces, here so the app, the CLI and the exports share them.

export const CORRELATION_CLASSES = ['agrees', 'observed-not-predicted', 'predicted-not-observed', 'healthy', 'no-reports'] as const;
export type CorrelationClass = (typeof CORRELATION_CLASSES)[number];

export interface ObservedFailure {
  resultType: string;
  sessions: number;
  /** Sending MTA addresses, sorted; reporters that omit them count as none. */
  senders: string[];
  organizations: string[];
  receivingIps: string[];
  /** Earliest start and latest end of the reports that carry these failures. */
  first: string;
  last: string;
}

export interface MxCorrelation {
  /** The MX host, or null for the domain as a whole (policy fetch and validity). */
  mx: string | null;
  class: CorrelationClass;
  /** The audit's failing findings on this MX (or the policy) with the result types senders would report. */
  predicted: { code: string; resultTypes: string[] }[];
  /** The audit judged this MX undeliverable for a strict sender. */
  undeliverable: boolean;
  inAudit: boolean;
  observed: ObservedFailure[];
  /** One plain sentence saying what the class means here. */
  text: string;
}

export interface DomainCorrelation {
  domain: string;
  reports: number;
  successfulSessions: number;
  failedSessions: number;
  rows: MxCorrelation[];
}

export interface OutsideDomain {
  domain: string;
  reports: number;
  successfulSessions: number;
  failedSessions: number;
  resultTypes: string[];
}

export interface Correlation {
  from: string;
  to: string;
  domains: DomainCorrelation[];
  /** Reports for domains the audit does not hold, listed apart. */
  outside: OutsideDomain[];
}


// ---------------------------------------------------------------------------------------------- views

/** Sessions reported for one UTC day (the day a report's range starts), over the estate's domains. */
export interface TrendDay { day: string; successful: number; failed: number }

/** Failed sessions of one RFC 8460 §4.3 result type, summed over a domain's (or the estate's) reports. */
export interface ResultTypeCount { resultType: string; sessions: number }

/** What `reports import` and the app's import did with the files given. */
export interface ReportImportTally { reports: number; added: number; duplicates: number; rejected: { source: string; reason: string }[] }

/** The period a comparison covers: `days` days ending `to` (ISO 8601 UTC). */
export interface ReportPeriod { from: string; to: string; days: number }

/**
 * The estate's side of the reports for one run: the domains whose senders reported failures (most failed
 * sessions first), the sessions per day, the rows per correlation class and the reports about other domains.
 */
export interface ReportsEstateView extends ReportPeriod {
  /** Reports stored in all, whatever their dates or domains. */
  storedReports: number;
  /** The run's domains with at least one report in the period, of `auditedDomains`. */
  domainsWithReports: number;
  auditedDomains: number;
  successfulSessions: number;
  failedSessions: number;
  /** MX (and policy) rows per class, over the domains with reports. */
  classCounts: Record<CorrelationClass, number>;
  /** Domains with reported failures; `failingTotal` in all, the first ones only here. */
  failing: DomainCorrelation[];
  failingTotal: number;
  byResultType: ResultTypeCount[];
  trend: TrendDay[];
  outside: OutsideDomain[];
}

/** One domain's side: its rows per MX (undefined when the domain has no result in the run), its result types and days. */
export interface ReportsDomainView extends ReportPeriod {
  storedReports: number;
  correlation: DomainCorrelation | undefined;
  byResultType: ResultTypeCount[];
  trend: TrendDay[];
}
