/**
 * The estate as data: each lab domain says what it publishes (DNS records, policy host behaviour, MX hosts)
 * and what a correct audit must conclude (posture and the exact set of finding codes). `buildDomain` expands
 * a spec over the healthy template, so each entry names only what it breaks.
 */
import type { FindingCode } from '../../../shared/findings';
import type { Posture } from '../../../shared/types';
import type { RawStep } from '../https-server';

export type CertKind =
  | 'valid' | 'wrong-name' | 'expired' | 'not-yet-valid' | 'expiring' | 'untrusted' | 'self-signed' | 'cn-only' | 'wildcard' | 'weak-rsa' | 'sha1'
  /** Issued by the lab intermediate, which the server does not send; the leaf's AIA URL serves it. */
  | 'incomplete'
  /** Self-signed and expired (fine for DANE-EE, fatal for everyone else). */
  | 'self-signed-expired'
  /** Expired, issued by a certificate that is not a CA (sent), itself issued by the lab CA. */
  | 'expired-non-ca-issuer';

export interface LabRecordSpec {
  name: string;
  type: 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'TLSA' | 'SOA' | 'NS';
  ttl?: number;
  data: unknown;
}

export interface PolicyHostSpec {
  cert?: CertKind;
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  headerDelayMs?: number;
  trickle?: { chunkBytes: number; intervalMs: number };
  tlsMaxVersion?: 'TLSv1' | 'TLSv1.1';
  abortHandshake?: boolean;
  /** A scripted response written straight to the socket (interim 1xx, trickled headers, resets, huge headers). */
  raw?: RawStep[];
}

export interface DomainSpec {
  name: string;
  about: string;
  /** MX RRset: list of [preference, exchange]; 'none' = no MX; omitted = the two shared provider MX. */
  mx?: [number, string][] | 'none';
  /** A records of the domain itself (implicit MX). */
  apexA?: string[];
  /** TXT records at _mta-sts.<d>; each entry one RR (string[] = several character-strings). null = none. */
  sts?: (string | string[])[] | null;
  /** The policy body served at mta-sts.<d>; null = the policy host has no DNS record. */
  policy?: string | Buffer | null;
  /** Address record(s) for mta-sts.<d>; default the lab HTTPS address. */
  policyHostAddress?: string[];
  /** mta-sts.<d> has this many A records, all black-holed (SYNs dropped on the HTTPS port). */
  policyHostBlackhole?: number;
  policyHostCname?: string;
  https?: PolicyHostSpec;
  /** TXT records at _smtp._tls.<d>; null = none. */
  tlsrpt?: (string | string[])[] | null;
  extra?: LabRecordSpec[];
  faults?: { name: string; type?: string; fault: 'servfail' | 'refused' | 'timeout' | 'bogus' | 'bogus-silent' }[];
  signed?: boolean;
  expect: { posture: Posture; codes: FindingCode[] };
}

/** How one address of an MX host behaves. */
export interface SmtpEndpointSpec {
  cert?: CertKind;
  /** Serve the root CA after the leaf (DANE-TA needs the anchor in the chain, RFC 7671 §5.2.2). */
  includeRoot?: boolean;
  noStarttls?: boolean;
  greeting?: string;
  /** The first this-many connections are greeted with 421 (rate limiting). */
  deferConnections?: number;
  /** At most this many sessions at once; another connection meanwhile is greeted with 421. */
  maxSessions?: number;
  starttlsReply?: string;
  bannerDelayMs?: number;
  /** Send the greeting one byte every this-many ms (a tarpit). */
  greetingTrickleMs?: number;
  closeAfterEhlo?: boolean;
  tlsMaxVersion?: 'TLSv1' | 'TLSv1.1';
  /** Without SNI the server presents a certificate for another name. */
  requireSni?: boolean;
  /** With requireSni: the certificate presented without SNI is valid for this name (else the lab's default). */
  noSniCertFor?: string;
  advertiseAfterTls?: boolean;
  requireTls?: boolean;
  /** Answer STARTTLS with 220, then drop the connection instead of a handshake. */
  handshakeAbort?: boolean;
  /** No SMTP server at this address: connections are refused. */
  down?: boolean;
}

/**
 * One TLSA record, described by what it should match: `of` the served leaf, the lab CA, another key, or
 * literal `data`; the lab computes the association data from the certificates it actually serves.
 */
export interface TlsaRecipe {
  usage: number;
  selector: number;
  matchingType: number;
  of: 'leaf' | 'ca' | 'other' | 'raw';
  data?: string;
}

export interface MxHostSpec extends SmtpEndpointSpec {
  name: string;
  about: string;
  /** More host names served by this endpoint: their A records point here and its certificate names them too. */
  extraNames?: string[];
  /** Further addresses of this host with their own behaviour (load-balanced nodes). */
  alsoAt?: SmtpEndpointSpec[];
  /** TLSA records at _25._tcp.<name>. */
  tlsa?: TlsaRecipe[];
  /** The host's address records (and TLSA) are in a signed zone (AD set). */
  signed?: boolean;
  /** Sign only the TLSA owner name, not the address records (DANE_ADDRESS_INSECURE). */
  tlsaOnlySigned?: boolean;
  /** Fault on the TLSA query. */
  tlsaFault?: 'servfail' | 'bogus';
}

export const PROVIDER_MX: [number, string][] = [[10, 'mx1.provider.test'], [20, 'mx2.provider.test']];
export const DEFAULT_ID = '20240101T000000Z';

export function policyBody(mode: string, mx: string[] = ['*.provider.test'], maxAge = '1209600'): string {
  return ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\n');
}

/** TLSA recipe shorthands. */
export const TLSA_EE_MATCH: TlsaRecipe = { usage: 3, selector: 1, matchingType: 1, of: 'leaf' };
export const TLSA_TA_MATCH: TlsaRecipe = { usage: 2, selector: 0, matchingType: 1, of: 'ca' };
export const TLSA_EE_STALE: TlsaRecipe = { usage: 3, selector: 1, matchingType: 1, of: 'other' };

/** Codes of a healthy domain on the shared provider MX (unsigned zone, both MX with valid STARTTLS). */
export const TRANSPORT_OK: FindingCode[] = ['DNSSEC_UNSIGNED', 'STARTTLS_OK'];
export const HEALTHY_ENFORCE: FindingCode[] = ['MTASTS_POLICY_VALID', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_ALL_COVERED', 'TLSRPT_VALID', ...TRANSPORT_OK];
/** Healthy enforce minus the policy-derived codes: what is left when the policy is unusable. */
export const BROKEN_POLICY_BASE: FindingCode[] = ['TLSRPT_VALID', ...TRANSPORT_OK];

export function without(codes: FindingCode[], ...drop: FindingCode[]): FindingCode[] {
  return codes.filter((c) => !drop.includes(c));
}
