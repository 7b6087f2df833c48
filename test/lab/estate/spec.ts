/**
 * The estate as data: each lab domain says what it publishes (DNS records, policy host behaviour, MX hosts)
 * and what a correct audit must conclude (posture and the exact set of finding codes). `buildDomain` expands
 * a spec over the healthy template, so each entry names only what it breaks.
 */
import type { FindingCode } from '../../../shared/findings';
import type { Posture } from '../../../shared/types';

export type CertKind = 'valid' | 'wrong-name' | 'expired' | 'not-yet-valid' | 'expiring' | 'untrusted' | 'self-signed' | 'cn-only' | 'wildcard' | 'weak-rsa' | 'sha1';

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
  policyHostCname?: string;
  https?: PolicyHostSpec;
  /** TXT records at _smtp._tls.<d>; null = none. */
  tlsrpt?: (string | string[])[] | null;
  extra?: LabRecordSpec[];
  faults?: { name: string; type?: string; fault: 'servfail' | 'refused' | 'timeout' | 'bogus' }[];
  signed?: boolean;
  expect: { posture: Posture; codes: FindingCode[] };
}

export interface MxHostSpec {
  name: string;
  about: string;
  cert?: CertKind;
  noStarttls?: boolean;
  greeting?: string;
  starttlsReply?: string;
  bannerDelayMs?: number;
  closeAfterEhlo?: boolean;
  tlsMaxVersion?: string;
  requireSni?: boolean;
  advertiseAfterTls?: boolean;
  requireTls?: boolean;
  /** No SMTP server at all: connections are refused. */
  down?: boolean;
  /** TLSA records at _25._tcp.<name>: 'match' (3 1 1 of the served key), 'mismatch', or explicit records. */
  tlsa?: 'match' | 'mismatch' | 'ta-match' | { usage: number; selector: number; matchingType: number; data: string }[];
  signed?: boolean;
}

export const PROVIDER_MX: [number, string][] = [[10, 'mx1.provider.test'], [20, 'mx2.provider.test']];
export const DEFAULT_ID = '20240101T000000Z';

export function policyBody(mode: string, mx: string[] = ['*.provider.test'], maxAge = '1209600'): string {
  return ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\n');
}

/** Codes of a healthy domain on the shared provider MX (unsigned zone, both MX with valid STARTTLS). */
export const TRANSPORT_OK: FindingCode[] = ['DNSSEC_UNSIGNED', 'STARTTLS_OK'];
export const HEALTHY_ENFORCE: FindingCode[] = ['MTASTS_POLICY_VALID', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_ALL_COVERED', 'TLSRPT_VALID', ...TRANSPORT_OK];
/** Healthy enforce minus the policy-derived codes: what is left when the policy is unusable. */
export const BROKEN_POLICY_BASE: FindingCode[] = ['TLSRPT_VALID', ...TRANSPORT_OK];

export function without(codes: FindingCode[], ...drop: FindingCode[]): FindingCode[] {
  return codes.filter((c) => !drop.includes(c));
}
