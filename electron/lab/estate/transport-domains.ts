/**
 * Lab MX hosts and domains for the STARTTLS, DANE and DNSSEC groups. STARTTLS defects sit on a backup MX
 * of an `enforce` domain whose primary is healthy: mail still flows, which is exactly the case an auditor
 * must catch by probing every MX (CHECKS §3.6). DANE hosts live in the signed zone `dane.test`.
 */
import type { FindingCode } from '../../../shared/findings';
import { HEALTHY_ENFORCE, TLSA_EE_MATCH, TLSA_EE_STALE, TLSA_TA_MATCH, policyBody, type DomainSpec, type MxHostSpec } from './spec';

export const STARTTLS_MX_HOSTS: MxHostSpec[] = [
  { name: 'nostarttls.mx.test', about: 'does not offer STARTTLS', noStarttls: true },
  { name: 'expired.mx.test', about: 'expired certificate', cert: 'expired' },
  { name: 'expiring.mx.test', about: 'certificate expires in 5 days', cert: 'expiring' },
  { name: 'nonca.mx.test', about: 'expired certificate issued by a certificate that is not a CA', cert: 'expired-non-ca-issuer' },
  { name: 'selfsigned.mx.test', about: 'self-signed certificate', cert: 'self-signed' },
  { name: 'untrusted.mx.test', about: 'certificate from an unknown CA', cert: 'untrusted' },
  { name: 'incomplete.mx.test', about: 'intermediate not sent (AIA would supply it)', cert: 'incomplete' },
  { name: 'cnonly.mx.test', about: 'name only in the subject CN', cert: 'cn-only' },
  { name: 'weak.mx.test', about: 'RSA-1024 key', cert: 'weak-rsa' },
  { name: 'sha1.mx.test', about: 'SHA-1 signature', cert: 'sha1' },
  { name: 'oldtls.mx.test', about: 'TLS 1.0 only', tlsMaxVersion: 'TLSv1' },
  { name: 'slowbanner.mx.test', about: 'silent for 5 s before its greeting, longer than the lab reply time-out', bannerDelayMs: 5000 },
  { name: 'tarpit.mx.test', about: 'trickles its greeting at 1 byte/s (a tarpit)', greetingTrickleMs: 1000 },
  { name: 'greeting.mx.test', about: '554 greeting', greeting: '554 5.7.1 no SMTP service here' },
  { name: 'deferonce.mx.test', about: '421 to the first connections (rate limiting), then normal', deferConnections: 2 },
  { name: 'onesession.mx.test', about: 'one session at a time: a second, concurrent connection gets 421', maxSessions: 1 },
  { name: 'deferring.mx.test', about: '421 greeting on every connection', greeting: '421 4.3.2 System not accepting network messages' },
  { name: 'ehloclose.mx.test', about: 'closes the connection after EHLO', closeAfterEhlo: true },
  { name: 'rejected.mx.test', about: 'answers STARTTLS with 454', starttlsReply: '454 4.7.0 TLS not available due to local problem' },
  { name: 'tlsabort.mx.test', about: 'drops the connection instead of a TLS handshake', handshakeAbort: true },
  { name: 'sni.mx.test', about: 'serves another certificate without SNI', requireSni: true },
  {
    name: 'sni-a.mx.test', about: 'two MX names on one address; without SNI the certificate names only the first', extraNames: ['sni-b.mx.test'],
    requireSni: true, noSniCertFor: 'sni-a.mx.test',
  },
  { name: 'readvertise.mx.test', about: 'lists STARTTLS again inside TLS', advertiseAfterTls: true },
  { name: 'requiretls.mx.test', about: 'advertises REQUIRETLS', requireTls: true },
  { name: 'inconsistent.mx.test', about: 'two addresses: one with STARTTLS, one without', alsoAt: [{ noStarttls: true }] },
  { name: 'down.mx.test', about: 'nothing listens on port 25', down: true },
];

export const DANE_MX_HOSTS: MxHostSpec[] = [
  { name: 'ee.dane.test', about: 'DANE-EE 3 1 1 matching', signed: true, tlsa: [TLSA_EE_MATCH] },
  { name: 'ta.dane.test', about: 'DANE-TA 2 0 1, anchor sent', signed: true, includeRoot: true, tlsa: [TLSA_TA_MATCH] },
  { name: 'ta-missing.dane.test', about: 'DANE-TA 2 0 1, anchor not sent', signed: true, tlsa: [TLSA_TA_MATCH] },
  { name: 'ta-name.dane.test', about: 'DANE-TA matches, leaf for another name', signed: true, includeRoot: true, cert: 'wrong-name', tlsa: [TLSA_TA_MATCH] },
  { name: 'nomatch.dane.test', about: 'TLSA for another key', signed: true, tlsa: [TLSA_EE_STALE] },
  { name: 'unusable.dane.test', about: 'only an unusable record (matching type 5)', signed: true, tlsa: [{ usage: 3, selector: 1, matchingType: 5, of: 'raw', data: 'ab'.repeat(32) }] },
  { name: 'pkix.dane.test', about: 'a PKIX-EE record next to a good 3 1 1', signed: true, tlsa: [{ usage: 1, selector: 1, matchingType: 1, of: 'leaf' }, TLSA_EE_MATCH] },
  { name: 'rollover.dane.test', about: '3 1 1 matches, a stale 3 0 1 does not', signed: true, tlsa: [TLSA_EE_MATCH, { usage: 3, selector: 0, matchingType: 1, of: 'other' }] },
  { name: 'agility.dane.test', about: 'a correct 3 1 1 defeated by a stale 3 1 2', signed: true, tlsa: [TLSA_EE_MATCH, { usage: 3, selector: 1, matchingType: 2, of: 'other' }] },
  { name: 'full.dane.test', about: 'Full(0) matching 3 0 0', signed: true, tlsa: [{ usage: 3, selector: 0, matchingType: 0, of: 'leaf' }] },
  { name: 'lookupfail.dane.test', about: 'TLSA query SERVFAIL in a signed zone', signed: true, tlsa: [TLSA_EE_MATCH], tlsaFault: 'servfail' },
  { name: 'selfsigned.dane.test', about: 'expired self-signed certificate pinned by 3 1 1', signed: true, cert: 'self-signed-expired', tlsa: [TLSA_EE_MATCH] },
  { name: 'nostarttls.dane.test', about: 'TLSA published, STARTTLS not offered', signed: true, noStarttls: true, tlsa: [TLSA_EE_STALE] },
  { name: 'absent.dane.test', about: 'signed zone without TLSA', signed: true },
  { name: 'insecure.tlsa.test', about: 'TLSA in an unsigned zone', tlsa: [TLSA_EE_MATCH] },
  { name: 'addrinsecure.dane2.test', about: 'TLSA secure, address records not', tlsaOnlySigned: true, tlsa: [TLSA_EE_MATCH] },
];

export const TRANSPORT_MX_HOSTS: MxHostSpec[] = [...STARTTLS_MX_HOSTS, ...DANE_MX_HOSTS];

/** An enforce domain whose backup MX is `host`; `undeliverable` when that MX fails PKIX validation. */
function backup(name: string, host: string, codes: FindingCode[], undeliverable: boolean): DomainSpec {
  return {
    name, about: `backup MX ${host}`, mx: [[10, 'mx1.provider.test'], [20, host]], policy: policyBody('enforce', ['*.provider.test', host]),
    expect: { posture: 'enforce', codes: [...HEALTHY_ENFORCE, ...codes, ...(undeliverable ? ['MTASTS_MX_UNDELIVERABLE' as const] : [])] },
  };
}

export const STARTTLS_DOMAINS: DomainSpec[] = [
  backup('starttls-not-offered.test', 'nostarttls.mx.test', ['STARTTLS_NOT_OFFERED'], true),
  backup('starttls-expired.test', 'expired.mx.test', ['STARTTLS_CERT_EXPIRED'], true),
  backup('starttls-expiring.test', 'expiring.mx.test', ['STARTTLS_CERT_EXPIRING_SOON'], false),
  // OpenSSL's last error is the date; the issuer that is no CA (RFC 5280 §6.1.4 (k)) makes it untrusted too.
  backup('starttls-non-ca-issuer.test', 'nonca.mx.test', ['STARTTLS_CERT_UNTRUSTED', 'STARTTLS_CERT_EXPIRED'], true),
  backup('starttls-self-signed.test', 'selfsigned.mx.test', ['STARTTLS_CERT_UNTRUSTED'], true),
  backup('starttls-untrusted.test', 'untrusted.mx.test', ['STARTTLS_CERT_UNTRUSTED'], true),
  backup('starttls-incomplete.test', 'incomplete.mx.test', ['STARTTLS_CHAIN_INCOMPLETE'], true),
  backup('starttls-cn-only.test', 'cnonly.mx.test', ['STARTTLS_CERT_CN_ONLY'], true),
  backup('starttls-weak-key.test', 'weak.mx.test', ['STARTTLS_CERT_WEAK_KEY'], false),
  backup('starttls-sha1.test', 'sha1.mx.test', ['STARTTLS_CERT_WEAK_KEY', 'STARTTLS_CERT_UNTRUSTED'], true),
  backup('starttls-obsolete.test', 'oldtls.mx.test', ['STARTTLS_TLS_OBSOLETE'], true),
  // Senders wait 5 minutes for a greeting (RFC 5321 §4.5.3.2.1): slow is "not decided", never undeliverable.
  backup('starttls-slow-banner.test', 'slowbanner.mx.test', ['STARTTLS_GREETING_SLOW'], false),
  backup('starttls-tarpit.test', 'tarpit.mx.test', ['STARTTLS_GREETING_SLOW'], false),
  backup('starttls-greeting.test', 'greeting.mx.test', ['STARTTLS_SMTP_ERROR'], true),
  backup('starttls-deferred-once.test', 'deferonce.mx.test', [], false),
  backup('starttls-one-session.test', 'onesession.mx.test', [], false),
  backup('starttls-deferred.test', 'deferring.mx.test', ['STARTTLS_NOT_TESTED'], false),
  backup('starttls-ehlo-close.test', 'ehloclose.mx.test', ['STARTTLS_SMTP_ERROR'], true),
  backup('starttls-rejected.test', 'rejected.mx.test', ['STARTTLS_REJECTED'], true),
  backup('starttls-handshake.test', 'tlsabort.mx.test', ['STARTTLS_HANDSHAKE_FAILED'], true),
  backup('starttls-sni.test', 'sni.mx.test', ['STARTTLS_SNI_DEPENDENT'], false),
  backup('starttls-sni-shared-a.test', 'sni-a.mx.test', [], false),
  backup('starttls-sni-shared-b.test', 'sni-b.mx.test', ['STARTTLS_SNI_DEPENDENT'], false),
  backup('starttls-readvertised.test', 'readvertise.mx.test', ['STARTTLS_ADVERTISED_AFTER_TLS'], false),
  backup('starttls-requiretls.test', 'requiretls.mx.test', ['STARTTLS_REQUIRETLS_ADVERTISED'], false),
  backup('starttls-inconsistent.test', 'inconsistent.mx.test', ['STARTTLS_INCONSISTENT', 'STARTTLS_NOT_OFFERED'], false),
  backup('starttls-connect.test', 'down.mx.test', ['STARTTLS_CONNECT_FAILED'], true),
  ...['slowbanner.mx.test', 'tarpit.mx.test'].map((host): DomainSpec => ({
    // The only MX greets too slowly: not decided, so no MTASTS_MX_NONE_DELIVERABLE and the posture stays enforce.
    name: `greeting-slow-only-${host.split('.')[0]}.test`, about: `only MX ${host}`, mx: [[10, host]], policy: policyBody('enforce', [host]),
    expect: { posture: 'enforce', codes: ['MTASTS_POLICY_VALID', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_ALL_COVERED', 'TLSRPT_VALID', 'DNSSEC_UNSIGNED', 'STARTTLS_GREETING_SLOW'] },
  })),
];

/** A signed domain without MTA-STS whose only MX is `host`. */
function dane(name: string, host: string, codes: FindingCode[], extra: Partial<DomainSpec> = {}): DomainSpec {
  return {
    name, about: `MX ${host}`, mx: [[10, host]], sts: null, policy: null, signed: true, ...extra,
    expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'TLSRPT_VALID', extra.signed === false ? 'DNSSEC_UNSIGNED' : 'DNSSEC_SIGNED', ...codes] },
  };
}

const SECURE_OK: FindingCode[] = ['STARTTLS_OK', 'DANE_TLSA_SECURE'];

export const DANE_DOMAINS: DomainSpec[] = [
  dane('dane-ee.test', 'ee.dane.test', [...SECURE_OK, 'DANE_TLSA_MATCH']),
  dane('dane-ta.test', 'ta.dane.test', [...SECURE_OK, 'DANE_TLSA_MATCH']),
  dane('dane-ta-missing.test', 'ta-missing.dane.test', [...SECURE_OK, 'DANE_TA_NOT_IN_CHAIN', 'DANE_ALL_MX_FAIL']),
  dane('dane-ta-name.test', 'ta-name.dane.test', ['DANE_TLSA_SECURE', 'STARTTLS_CERT_NAME_MISMATCH', 'DANE_TA_NAME_MISMATCH', 'DANE_ALL_MX_FAIL']),
  dane('dane-nomatch.test', 'nomatch.dane.test', [...SECURE_OK, 'DANE_TLSA_NO_MATCH', 'DANE_ALL_MX_FAIL']),
  dane('dane-unusable.test', 'unusable.dane.test', [...SECURE_OK, 'DANE_TLSA_RECORD_UNUSABLE', 'DANE_TLSA_ALL_UNUSABLE']),
  dane('dane-pkix.test', 'pkix.dane.test', [...SECURE_OK, 'DANE_TLSA_PKIX_USAGE', 'DANE_TLSA_MATCH']),
  dane('dane-rollover.test', 'rollover.dane.test', [...SECURE_OK, 'DANE_TLSA_MATCH', 'DANE_ROLLOVER_INCONSISTENT']),
  dane('dane-agility.test', 'agility.dane.test', [...SECURE_OK, 'DANE_TLSA_NO_MATCH', 'DANE_ROLLOVER_INCONSISTENT', 'DANE_ALL_MX_FAIL']),
  dane('dane-full.test', 'full.dane.test', [...SECURE_OK, 'DANE_PARAMS_DISCOURAGED', 'DANE_TLSA_MATCH']),
  dane('dane-lookup-failed.test', 'lookupfail.dane.test', ['STARTTLS_OK', 'DANE_TLSA_LOOKUP_FAILED', 'DANE_ALL_MX_FAIL']),
  dane('dane-nostarttls.test', 'nostarttls.dane.test', ['DANE_TLSA_SECURE', 'STARTTLS_NOT_OFFERED', 'DANE_STARTTLS_MISSING', 'DANE_ALL_MX_FAIL']),
  dane('dane-absent.test', 'absent.dane.test', ['STARTTLS_OK', 'DANE_TLSA_ABSENT']),
  dane('dane-tlsa-insecure.test', 'insecure.tlsa.test', ['STARTTLS_OK', 'DANE_TLSA_INSECURE'], { signed: false }),
  dane('dane-address-insecure.test', 'addrinsecure.dane2.test', ['STARTTLS_OK', 'DANE_ADDRESS_INSECURE']),
  dane('dane-mx-insecure.test', 'ee.dane.test', [...SECURE_OK, 'DANE_TLSA_MATCH', 'DANE_MX_INSECURE'], { signed: false }),
  {
    name: 'dane-partial.test', about: 'one MX with DANE, one without', mx: [[10, 'ee.dane.test'], [20, 'mx1.provider.test']], sts: null, policy: null, signed: true,
    expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'TLSRPT_VALID', 'DNSSEC_SIGNED', ...SECURE_OK, 'DANE_TLSA_MATCH', 'DANE_PARTIAL'] },
  },
  {
    // RFC 7672 §2.1.2: the failed lookup makes the MX unreachable for DANE senders, but publishes no DANE, so a
    // missing TLS-RPT record is the plain low finding, not TLSRPT_MISSING_WITH_POLICY.
    name: 'dane-lookup-failed-no-rpt.test', about: 'secure TLSA lookup fails, no TLS-RPT', mx: [[10, 'lookupfail.dane.test']], sts: null, policy: null, tlsrpt: null, signed: true,
    expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'TLSRPT_RECORD_MISSING', 'DNSSEC_SIGNED', 'STARTTLS_OK', 'DANE_TLSA_LOOKUP_FAILED', 'DANE_ALL_MX_FAIL'] },
  },
  {
    name: 'dane-no-tlsrpt.test', about: 'DANE without TLS-RPT', mx: [[10, 'ee.dane.test']], sts: null, policy: null, tlsrpt: null, signed: true,
    expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'TLSRPT_MISSING_WITH_POLICY', 'DNSSEC_SIGNED', ...SECURE_OK, 'DANE_TLSA_MATCH'] },
  },
  {
    name: 'dane-mtasts-conflict.test', about: 'DANE-EE passes on a self-signed expired certificate that MTA-STS enforce rejects',
    mx: [[10, 'selfsigned.dane.test']], policy: policyBody('enforce', ['selfsigned.dane.test']), signed: true,
    expect: {
      posture: 'enforce',
      codes: [
        'MTASTS_POLICY_VALID', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_ALL_COVERED', 'TLSRPT_VALID', 'DNSSEC_SIGNED', 'DANE_TLSA_SECURE', 'DANE_TLSA_MATCH',
        'DANE_EE_CERT_EXPIRED', 'STARTTLS_CERT_UNTRUSTED', 'STARTTLS_CERT_EXPIRED', 'DANE_MTASTS_CONFLICT', 'MTASTS_MX_UNDELIVERABLE', 'MTASTS_MX_NONE_DELIVERABLE',
      ],
    },
  },
];

export const DNSSEC_DOMAINS: DomainSpec[] = [
  {
    name: 'dnssec-bogus.test', about: 'MX answer fails validation (SERVFAIL with EDE 6)', sts: null, policy: null,
    faults: [{ name: 'dnssec-bogus.test', type: 'MX', fault: 'bogus' }],
    expect: { posture: 'error', codes: ['MX_LOOKUP_FAILED', 'DNSSEC_BOGUS', 'MTASTS_DNS_RECORD_MISSING', 'TLSRPT_VALID'] },
  },
  {
    name: 'dnssec-bogus-cd.test', about: 'MX answer fails validation (plain SERVFAIL, answered with CD=1)', sts: null, policy: null,
    faults: [{ name: 'dnssec-bogus-cd.test', type: 'MX', fault: 'bogus-silent' }],
    expect: { posture: 'error', codes: ['MX_LOOKUP_FAILED', 'DNSSEC_BOGUS', 'MTASTS_DNS_RECORD_MISSING', 'TLSRPT_VALID'] },
  },
  {
    name: 'mx-host-bogus.test', about: 'a backup MX whose address records fail validation', mx: [[10, 'mx1.provider.test'], [20, 'bogus.mx-host-bogus.test']], sts: null, policy: null,
    faults: [{ name: 'bogus.mx-host-bogus.test', type: 'A', fault: 'bogus' }],
    extra: [{ name: 'bogus.mx-host-bogus.test', type: 'A', data: '127.0.0.9' }],
    expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'TLSRPT_VALID', 'DNSSEC_UNSIGNED', 'STARTTLS_OK', 'MX_TARGET_LOOKUP_FAILED', 'DNSSEC_BOGUS'] },
  },
];

export const TRANSPORT_DOMAINS: DomainSpec[] = [...STARTTLS_DOMAINS, ...DANE_DOMAINS, ...DNSSEC_DOMAINS];
