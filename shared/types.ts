/**
 * Plain-data types shared by the engine, the store, the exporters and the renderer.
 * Everything here must survive structured clone and JSON (no classes, no Dates, no Buffers).
 */
import type { FindingCode, Posture, Severity } from './findings';
import type { Outcome } from './outcome';

export type { FindingCode, Outcome, Posture, Severity };

/** One finding: a catalogue code plus what was seen this time. Severity always equals the catalogue's. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The specific observation, e.g. `line 3: "Mode: enforce"`. Untrusted text is quoted, never interpreted. */
  message: string;
  /** What the finding is about when not the whole domain: an MX host, an address, a rua URI. */
  subject?: string;
  /** 1-based line in the policy file, for MTASTS_POLICY_* diagnostics. */
  line?: number;
  /** 0-based character offset in a TXT record, for record syntax diagnostics. */
  offset?: number;
}

/** One domain's findings in the order the engine raised them, under the name the domain is listed by. */
export interface DomainFindings {
  /** The domain, or the input as imported when it was not a host name. */
  label: string;
  findings: Finding[];
}

// ---------------------------------------------------------------------------------------------- DNS evidence

/** NXDOMAIN, NODATA, SERVFAIL and time-out are different facts and stay distinguishable everywhere. */
export type DnsOutcome = 'ok' | 'nxdomain' | 'nodata' | 'servfail' | 'refused' | 'timeout' | 'error';

export type DnsRecordType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'TLSA' | 'SOA';

export type DnsRecordData =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'MX'; preference: number; exchange: string }
  /** One RR; `strings` are its character-strings as sent (joined without separator by the parsers). */
  | { type: 'TXT'; strings: string[] }
  | { type: 'CNAME'; target: string }
  /** `data` is the certificate association data in lower-case hex. */
  | { type: 'TLSA'; usage: number; selector: number; matchingType: number; data: string }
  | { type: 'SOA'; mname: string; rname: string; serial: number };

export type DnsRecord = { name: string; ttl: number } & DnsRecordData;

/** One query as asked and answered: kept verbatim as evidence. */
export interface DnsAnswer {
  name: string;
  type: DnsRecordType;
  outcome: DnsOutcome;
  /** DNS rcode name as received (NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ...), absent on time-out. */
  rcode?: string;
  /** The AD bit of the final response: the configured resolver claims the answer is DNSSEC-secure. */
  authenticated: boolean;
  /** Records of the queried type at the end of the CNAME chain. */
  records: DnsRecord[];
  /** CNAMEs followed from `name`, in order. */
  cnames: DnsRecord[];
  /** The resolver that gave the final answer, `host:port`. */
  server: string;
  /** From the question to its answer, including any wait for a slot under the resolver's query ceiling. */
  elapsedMs: number;
  /** Times the question was sent over UDP (a truncated answer's TCP retry is part of its attempt). */
  attempts: number;
  /** Of elapsedMs, the time spent waiting for a slot under the per-resolver query ceiling (absent when none). */
  queuedMs?: number;
  /** Extended DNS Error info-code (RFC 8914) if the resolver sent one. */
  ede?: number;
  /** SERVFAIL that the resolver answers when re-asked with CD=1: the data fails DNSSEC validation. */
  bogus?: boolean;
  error?: string;
}

// ---------------------------------------------------------------------------------------------- TLS evidence

export interface CertificateSummary {
  subject: string;
  /** Subject common name, kept only as evidence: name checks use SAN dNSNames only (RFC 9525 §6.3). */
  commonName?: string;
  /** subjectAltName dNSName entries. */
  dnsNames: string[];
  /** subjectAltName iPAddress entries. */
  ipAddresses: string[];
  issuer: string;
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Whole days from audit time to notAfter (negative when expired). */
  daysLeft: number;
  fingerprintSha256: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex (what a TLSA 3 1 1 record holds). */
  spkiSha256: string;
  keyType: string;
  keyBits?: number;
  curve?: string;
  signatureAlgorithm?: string;
  selfSigned: boolean;
  isCA: boolean;
  /** DER, base64: kept so DANE matching and the evidence pack can work from the exact bytes. */
  derBase64: string;
}

export interface TlsSessionEvidence {
  protocol: string;
  cipher: string;
  /** Chain as presented, leaf first. */
  chain: CertificateSummary[];
  /** Node's PKIX verdict against system roots plus the configured extra CA. */
  chainTrusted: boolean;
  chainError?: string;
  /**
   * Set when only the first `pathLength` certificates of `chain` lead to the trust anchor: the rest are spare
   * (an old cross-sign), and their dates do not matter. Absent: the whole chain counts.
   */
  pathLength?: number;
  /** Our RFC 9525 SAN check against the reference name (no CN fallback). */
  nameValid: boolean;
  referenceName: string;
  /**
   * The chain was not trusted as sent, but an intermediate fetched from the leaf's AIA caIssuers URL completes
   * it: the URL (STARTTLS_CHAIN_INCOMPLETE). Senders do not fetch AIA, so the chain stays untrusted for them.
   */
  completedVia?: string;
}

// ---------------------------------------------------------------------------------------------- HTTPS evidence

export type PolicyFetchOutcome =
  | 'ok'
  | 'host-not-found'
  | 'host-lookup-failed'
  | 'host-private-address'
  | 'connect-failed'
  | 'tls-failed'
  | 'tls-obsolete'
  | 'cert-untrusted'
  | 'cert-expired'
  | 'cert-name-mismatch'
  | 'redirect'
  | 'status-not-200'
  | 'body-too-large'
  | 'timeout'
  /** The host answered, but the response was cut off (reset, closed early) or is not valid HTTP/1.1. */
  | 'response-incomplete'
  /** Recorded by earlier versions for what is now 'response-incomplete'. */
  | 'error';

export interface PolicyFetchEvidence {
  url: string;
  host: string;
  port: number;
  addresses: string[];
  /** The address whose answer is recorded. */
  addressUsed?: string;
  outcome: PolicyFetchOutcome;
  errorCode?: string;
  errorMessage?: string;
  status?: number;
  /** Response headers, lower-case names, values as received (bounded). */
  headers?: Record<string, string>;
  /** Exact body bytes received, up to the cap (+1 byte to prove it was exceeded), base64. */
  bodyBase64?: string;
  bodyBytes: number;
  bodySha256?: string;
  truncated: boolean;
  tls?: TlsSessionEvidence;
  timings: { connectMs?: number; headersMs?: number; totalMs: number };
  /** Rounds over the addresses: only "no connection on any address" is tried again, within the deadline (CHECKS §3.3). */
  attempts?: number;
  /** Distinct addresses a connection was attempted to, over all rounds. */
  addressesTried?: number;
  /** The whole fetch's deadline (ms), connect to last body byte, across addresses and rounds. */
  deadlineMs?: number;
  /** Interim (1xx) responses read and skipped before the final one (RFC 9110 §15.2). */
  informational?: number[];
}

// ---------------------------------------------------------------------------------------------- SMTP evidence

export type SmtpProbeOutcome =
  | 'ok'
  | 'not-tested'
  | 'connect-failed'
  | 'connect-timeout'
  | 'smtp-error'
  | 'no-starttls'
  | 'starttls-rejected'
  | 'handshake-failed'
  /** The handshake only succeeds below TLS 1.2 (RFC 8996): `tls` then holds that obsolete session. */
  | 'tls-obsolete';

/** One STARTTLS probe of one MX host at one address. Shared by every domain using that host. */
export interface SmtpProbe {
  host: string;
  address: string;
  port: number;
  outcome: SmtpProbeOutcome;
  banner?: string;
  ehlo?: string[];
  starttlsReply?: string;
  tls?: TlsSessionEvidence;
  ehloAfterTls?: string[];
  /** Result of a second session without SNI, for STARTTLS_SNI_DEPENDENT. */
  withoutSni?: { ok: boolean; nameValid: boolean; fingerprintSha256?: string; error?: string };
  error?: string;
  /** The SMTP phase where it failed (connect, banner, ehlo, starttls, handshake, ehlo-tls). */
  phase?: string;
  /** Sessions made: a connection that failed is tried again (CHECKS §3.3). */
  attempts?: number;
  /** `not-tested` because the server only ever answered 4xx ("try again later") to the auditor. */
  deferred?: boolean;
  /**
   * `not-tested` because no complete greeting arrived within the reply time-out (silence or a trickle). Senders
   * wait 5 minutes for it (RFC 5321 §4.5.3.2.1): slow, not refused (STARTTLS_GREETING_SLOW).
   */
  greetingSlow?: boolean;
  elapsedMs: number;
  startedAt: string;
}

// ---------------------------------------------------------------------------------------------- DANE evidence

export interface TlsaEvidence {
  /** `_25._tcp.<base>` actually used. */
  owner: string;
  base: string;
  outcome: DnsOutcome;
  authenticated: boolean;
  records: { usage: number; selector: number; matchingType: number; data: string; usable: boolean; matched: boolean }[];
}

// ---------------------------------------------------------------------------------------------- DNSSEC evidence

/**
 * Whether the resolver validates DNSSEC, as one domain's audit saw it: the run's control query (RFC 4035
 * §3.2.3, AD on a name known to be signed) and whether any answer of the run carried AD. A fact of the run,
 * not of the domain's own answers, so it is recorded: judging again cannot ask the resolver.
 */
export interface DnssecResolverEvidence {
  control: { outcome: 'validates' | 'not-validating' | 'failed'; ended: string };
  validates: boolean;
}

// ---------------------------------------------------------------------------------------------- results

export type MxKind = 'explicit' | 'implicit' | 'null' | 'none' | 'nxdomain' | 'error';

export interface MxHostResult {
  host: string;
  preference: number;
  addresses: string[];
  /** The host is an alias (RFC 2181 §10.3). */
  cnameTarget?: string;
  /** Matched by a policy `mx` pattern (undefined when there is no usable policy). */
  covered?: boolean;
  coveringPattern?: string;
  /**
   * Every probed address offered STARTTLS, negotiated TLS ≥ 1.2 and presented a current, trusted certificate
   * valid for the MX name (the STARTTLS_OK conditions); undefined when not probed.
   */
  starttlsOk?: boolean;
  /** The MTA-STS verdict for this MX under the policy (covered and every validation passes). */
  mtaStsPass?: boolean;
  /** DANE verdict when DANE applies, else undefined. */
  danePass?: boolean;
  /** Would a strict compliant sender deliver to this MX (both checks where both apply). */
  deliverable?: boolean;
  probes: SmtpProbe[];
  tlsa?: TlsaEvidence;
}

export interface ParsedPolicySummary {
  mode?: 'enforce' | 'testing' | 'none';
  maxAge?: number;
  mx: string[];
  valid: boolean;
  /** The body as text (UTF-8, replacement chars for invalid bytes), for display and diff. */
  text?: string;
  sha256?: string;
}

export interface DomainResult {
  /** The cell the user gave. */
  input: string;
  /** Normalised A-label, lower case, no trailing dot ('' when the input was not a host name). */
  domain: string;
  posture: Posture;
  stsRecord?: { text: string; id?: string; valid: boolean };
  policy?: ParsedPolicySummary;
  tlsrpt?: { valid: boolean; rua: string[] };
  mxKind: MxKind;
  mx: MxHostResult[];
  /** Set when SMTP probes were skipped or port 25 was unreachable from the auditor. */
  smtpNotTested?: string;
  findings: Finding[];
  evidence: {
    /**
     * Every DNS answer the verdict rests on, one section per check in this order: MX and MX host addresses,
     * the MTA-STS record (and its misplacement hints), the policy host's addresses, TLS-RPT, TLSA. Judging
     * again (electron/engine/judge/) reads them back in that order.
     */
    dns: DnsAnswer[];
    policyFetch?: PolicyFetchEvidence;
    /** How the audit found the resolver's DNSSEC standing (present when the MX hosts were examined). */
    resolver?: DnssecResolverEvidence;
  };
  startedAt: string;
  durationMs: number;
  toolVersion: string;
}

// ---------------------------------------------------------------------------------------------- runs

export type StoredRunState = 'pending' | 'running' | 'paused' | 'cancelled' | 'completed' | 'failed';

/** A run as stored: what was audited, how (settings, tool, resolver), and how far it got. */
export interface RunRecord {
  id: number;
  name: string;
  client: string | null;
  /** The imported file's name. */
  source: string | null;
  /** ISO 8601. */
  createdAt: string;
  finishedAt: string | null;
  state: StoredRunState;
  settings: AuditSettings;
  toolVersion: string;
  resolver: string;
  /** Domains imported into the run (audited or not). */
  total: number;
  done: number;
  /** Domains per posture. */
  postureCounts: Partial<Record<Posture, number>>;
  /** Domains per protection outcome (shared/outcome.ts). */
  outcomeCounts: Partial<Record<Outcome, number>>;
  /** Findings per severity. */
  severityCounts: Partial<Record<Severity, number>>;
  /** Set when the run was opened from an evidence bundle: a read-only copy of a signed audit. */
  imported?: ImportedRun;
}

/** Where an imported run came from and whose signature it carries (electron/io/bundle/import.ts). */
export interface ImportedRun {
  /** The bundle's file name, as opened. */
  bundle: string;
  /** ISO 8601: when it was opened here. */
  importedAt: string;
  /** The signer's key: grouped hex SHA-256 of the Ed25519 public key. */
  signerFingerprint: string;
  /** When the manifest was signed (signing.json), ISO 8601 UTC. */
  signedAt: string | null;
  /** The run's id in the auditor's own database. */
  originalId: number | null;
}

/** Where a running audit stands; pushed to the UI and printed by the CLI. */
export interface RunProgress {
  done: number;
  total: number;
  /** Domains finished in this session (excludes those done before a resume). */
  doneThisSession: number;
  ratePerSec: number;
  etaSec: number | null;
  elapsedMs: number;
  postureCounts: Partial<Record<Posture, number>>;
  outcomeCounts: Partial<Record<Outcome, number>>;
  severityCounts: Partial<Record<Severity, number>>;
  last?: { domain: string; posture: Posture; outcome: Outcome };
  /** Domains being audited right now. */
  inFlightCount?: number;
  /** The longest-running of them (at most IN_FLIGHT_SHOWN), oldest first, with what each still waits on. */
  inFlight?: { domain: string; elapsedMs: number; waitingOn: string[] }[];
  /**
   * Time left as a range from the observed rates (whole session and recent), widened while few domains are
   * done; null until a domain is done. When every remaining domain is already in flight the range is absent and
   * `inFlight` says what the run waits for.
   */
  etaRangeSec?: [number, number] | null;
}

/** Network settings of an audit; stored with each run, so plain data only. */
export interface AuditSettings {
  /** `host:port` or `host` (port 53). Empty = the system's resolvers. */
  resolvers: string[];
  /**
   * The longest wait for one DNS attempt: the ceiling of the adaptive time-out (measured round trip, doubled
   * per retransmission). A question may spend dnsTimeoutMs × (dnsRetries + 1) in flight.
   */
  dnsTimeoutMs: number;
  dnsRetries: number;
  /**
   * Questions per second to each resolver at most; the rest wait in line for a slot (the wait does not count
   * against the time-outs). 500 is a third of the per-client rate Google Public DNS documents as its default
   * limit (1,500 QPS per IPv4 address), leaving room for the rest of an office behind the same address.
   */
  dnsQps: number;
  /** Extra trust anchor(s), PEM, added to the system roots. */
  extraCaPem?: string;
  httpsPort: number;
  smtpPort: number;
  /** Allow policy hosts and MX hosts on any non-global address (internal estates). */
  allowPrivate: boolean;
  /** CIDR ranges allowed even when allowPrivate is off (the lab allows loopback only). */
  privateAllowlist: string[];
  /** A name the resolver must answer with AD set if it validates DNSSEC (the root zone on the internet). */
  dnssecControlName: string;
  smtpProbes: boolean;
  /** RFC 8461 §3.3 suggests one minute for the whole policy fetch: one deadline, every address and retry included. */
  httpTimeoutMs: number;
  /** Longest connect (TCP and TLS) to one policy host address, and longest silence within the body. */
  httpIdleTimeoutMs: number;
  /** Fetches slower than this raise MTASTS_HTTPS_SLOW. */
  httpSlowMs: number;
  smtpConnectTimeoutMs: number;
  /** For the greeting, each reply and the TLS handshake. */
  smtpReplyTimeoutMs: number;
  /**
   * Concurrent SMTP connections to one IP address (politeness towards shared provider MX). The default, 8, is
   * well inside what receivers accept from one client (Postfix: 50 per client) and below what senders use per
   * destination (Postfix: 20); it matters where one IP serves many customer MX names, each probed once.
   */
  smtpPerIpConcurrency: number;
  /** Concurrent policy fetches to one IP address (providers host thousands of mta-sts.<domain> names). */
  httpsPerIpConcurrency: number;
  /** Our EHLO argument; empty = this machine's name if it is a FQDN, else an address literal. */
  ehloName: string;
  /**
   * Transient failures are retried this many times: SMTP probes after no connection or a time-out; the policy
   * fetch only when no address accepted a connection, and within its one deadline (CHECKS §3.3).
   */
  retries: number;
}

export const DEFAULT_SETTINGS: AuditSettings = {
  resolvers: [],
  dnsTimeoutMs: 3000,
  dnsRetries: 2,
  dnsQps: 500,
  httpsPort: 443,
  smtpPort: 25,
  allowPrivate: false,
  privateAllowlist: [],
  dnssecControlName: '.',
  smtpProbes: true,
  httpTimeoutMs: 60_000,
  httpIdleTimeoutMs: 15_000,
  httpSlowMs: 4000,
  smtpConnectTimeoutMs: 10_000,
  smtpReplyTimeoutMs: 30_000,
  smtpPerIpConcurrency: 8,
  httpsPerIpConcurrency: 32,
  ehloName: '',
  retries: 1,
};
