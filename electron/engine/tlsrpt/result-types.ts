/**
 * Which RFC 8460 §4.3 result types a sender would report for each of our findings: docs/CHECKS.md §1.11.
 * Reporters choose the type, so this is a guide for matching prediction to observation, not a rule.
 */
import { CATALOGUE, FINDING_CODES, type FindingCode } from '../../../shared/findings';

const TABLE: Record<string, readonly FindingCode[]> = {
  'starttls-not-supported': ['STARTTLS_NOT_OFFERED', 'STARTTLS_REJECTED'],
  'certificate-host-mismatch': ['STARTTLS_CERT_NAME_MISMATCH', 'MTASTS_MX_NOT_COVERED', 'DANE_TA_NAME_MISMATCH'],
  'certificate-expired': ['STARTTLS_CERT_EXPIRED'],
  'certificate-not-trusted': ['STARTTLS_CERT_UNTRUSTED', 'STARTTLS_CHAIN_INCOMPLETE'],
  'validation-failure': ['STARTTLS_HANDSHAKE_FAILED', 'STARTTLS_TLS_OBSOLETE', 'DANE_TLSA_NO_MATCH'],
  'tlsa-invalid': ['DANE_TLSA_ALL_UNUSABLE', 'DANE_TLSA_NO_MATCH'],
  'dnssec-invalid': ['DANE_TLSA_LOOKUP_FAILED', 'DNSSEC_BOGUS'],
  // §1.11: connect, status, redirect, time-out, size, incomplete response (and the host not reachable at all).
  'sts-policy-fetch-error': ['MTASTS_HTTPS_HOST_NOT_FOUND', 'MTASTS_HTTPS_HOST_LOOKUP_FAILED', 'MTASTS_HTTPS_CONNECT_FAILED', 'MTASTS_HTTPS_TLS_FAILED',
    'MTASTS_HTTPS_REDIRECT', 'MTASTS_HTTPS_BODY_TOO_LARGE', 'MTASTS_HTTPS_TIMEOUT', 'MTASTS_HTTPS_RESPONSE_INCOMPLETE'],
  // §1.11: the MTASTS_POLICY_* codes that make the policy invalid, and a wrong Content-Type.
  'sts-policy-invalid': [...FINDING_CODES.filter((c) => c.startsWith('MTASTS_POLICY_') && CATALOGUE[c].posture === 'invalid'), 'MTASTS_HTTPS_CONTENT_TYPE_INVALID'],
  'sts-webpki-invalid': ['MTASTS_HTTPS_CERT_UNTRUSTED', 'MTASTS_HTTPS_CERT_EXPIRED', 'MTASTS_HTTPS_CERT_NAME_MISMATCH'],
};

const BY_CODE = new Map<FindingCode, string[]>();
for (const [type, codes] of Object.entries(TABLE)) for (const c of codes) BY_CODE.set(c, [...(BY_CODE.get(c) ?? []), type]);

/** The result types a sender would report for this finding; empty when it is no delivery failure. */
export function resultTypesOf(code: FindingCode): readonly string[] {
  return BY_CODE.get(code) ?? [];
}

/** The codes §1.11 lists for a result type (empty for a type it does not list). */
export function codesOf(resultType: string): readonly FindingCode[] {
  return TABLE[resultType] ?? [];
}

/** Failures about the policy as a whole, reported without a receiving MX (RFC 8460 §4.3.2.1). */
export function isPolicyLevel(resultType: string): boolean {
  return resultType.startsWith('sts-');
}
