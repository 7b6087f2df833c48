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
