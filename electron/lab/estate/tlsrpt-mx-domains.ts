/**
 * Lab domains for the TLSRPT, MX and MTASTS_MX groups (coverage of the real MX set by the policy).
 */
import type { FindingCode } from '../../../shared/findings';
import { HEALTHY_ENFORCE, TRANSPORT_OK, policyBody, without, type DomainSpec } from './spec';

const ENFORCE_NO_RPT = without(HEALTHY_ENFORCE, 'TLSRPT_VALID');
const rpt = (...codes: FindingCode[]): DomainSpec['expect'] => ({ posture: 'enforce', codes: [...codes, ...ENFORCE_NO_RPT] });

export const TLSRPT_DOMAINS: DomainSpec[] = [
  { name: 'tlsrpt-missing-policy.test', about: 'enforce without TLS-RPT', tlsrpt: null, expect: rpt('TLSRPT_MISSING_WITH_POLICY') },
  { name: 'tlsrpt-lookup-failed.test', about: '_smtp._tls SERVFAIL', faults: [{ name: '_smtp._tls.tlsrpt-lookup-failed.test', fault: 'servfail' }], expect: rpt('TLSRPT_LOOKUP_FAILED') },
  { name: 'tlsrpt-multiple.test', about: 'two TLS-RPT records', tlsrpt: ['v=TLSRPTv1; rua=mailto:a@tlsrpt-multiple.test', 'v=TLSRPTv1; rua=mailto:b@tlsrpt-multiple.test'], expect: rpt('TLSRPT_MULTIPLE_RECORDS') },
  { name: 'tlsrpt-syntax.test', about: 'empty field', tlsrpt: ['v=TLSRPTv1; rua=mailto:a@tlsrpt-syntax.test;; x=1'], expect: rpt('TLSRPT_SYNTAX_INVALID') },
  { name: 'tlsrpt-rua-missing.test', about: 'no rua', tlsrpt: ['v=TLSRPTv1;'], expect: rpt('TLSRPT_RUA_MISSING') },
  { name: 'tlsrpt-uri-invalid.test', about: 'DMARC-style !10m size suffix', tlsrpt: ['v=TLSRPTv1; rua=mailto:tls@tlsrpt-uri-invalid.test!10m'], expect: rpt('TLSRPT_RUA_URI_INVALID') },
  { name: 'tlsrpt-scheme.test', about: 'an http: URI next to a good mailto:', tlsrpt: ['v=TLSRPTv1; rua=http://reports.tlsrpt-scheme.test/r,mailto:tlsrpt@tlsrpt-scheme.test'], expect: rpt('TLSRPT_RUA_SCHEME_UNSUPPORTED', 'TLSRPT_VALID') },
  { name: 'tlsrpt-no-usable.test', about: 'only an ftp: URI', tlsrpt: ['v=TLSRPTv1; rua=ftp://reports.tlsrpt-no-usable.test/r'], expect: rpt('TLSRPT_RUA_SCHEME_UNSUPPORTED', 'TLSRPT_NO_USABLE_RUA') },
  // RFC 8460 §3 takes any RFC 3986 URI: a port the WHATWG parser refuses is still a URI, only not a usable one.
  { name: 'tlsrpt-unsupported-only.test', about: 'only an ftp: URI with a five-digit port', tlsrpt: ['v=TLSRPTv1; rua=ftp://reports.tlsrpt-unsupported-only.test:99999/r'], expect: rpt('TLSRPT_RUA_SCHEME_UNSUPPORTED', 'TLSRPT_NO_USABLE_RUA') },
  { name: 'tlsrpt-mailto-invalid.test', about: 'mailto: without an address', tlsrpt: ['v=TLSRPTv1; rua=mailto:not-an-address'], expect: rpt('TLSRPT_RUA_MAILTO_INVALID', 'TLSRPT_NO_USABLE_RUA') },
  { name: 'tlsrpt-mailto-undeliverable.test', about: 'report mailbox at a domain that does not exist', tlsrpt: ['v=TLSRPTv1; rua=mailto:reports@nx-reports.test'], expect: rpt('TLSRPT_RUA_MAILTO_UNDELIVERABLE', 'TLSRPT_EXTERNAL_RUA', 'TLSRPT_VALID') },
  { name: 'tlsrpt-https-unresolvable.test', about: 'https endpoint without address', tlsrpt: ['v=TLSRPTv1; rua=https://reports.tlsrpt-https-unresolvable.test/v1'], expect: rpt('TLSRPT_RUA_HTTPS_UNRESOLVABLE', 'TLSRPT_VALID') },
  { name: 'tlsrpt-multiple-rua.test', about: 'two rua fields', tlsrpt: ['v=TLSRPTv1; rua=mailto:a@tlsrpt-multiple-rua.test; rua=mailto:b@tlsrpt-multiple-rua.test'], expect: rpt('TLSRPT_MULTIPLE_RUA_FIELDS', 'TLSRPT_VALID') },
  { name: 'tlsrpt-external.test', about: 'reports go to a provider', tlsrpt: ['v=TLSRPTv1; rua=mailto:tlsrpt@reports.provider.test'], expect: rpt('TLSRPT_EXTERNAL_RUA', 'TLSRPT_VALID') },
  { name: 'tlsrpt-unknown-field.test', about: 'extension field', tlsrpt: ['v=TLSRPTv1; rua=mailto:tlsrpt@tlsrpt-unknown-field.test; ext=1'], expect: rpt('TLSRPT_UNKNOWN_FIELD', 'TLSRPT_VALID') },
  {
    name: 'tlsrpt-wrong-location.test', about: 'TLS-RPT record at the apex', tlsrpt: null,
    extra: [{ name: 'tlsrpt-wrong-location.test', type: 'TXT', data: ['v=TLSRPTv1; rua=mailto:tlsrpt@tlsrpt-wrong-location.test'] }],
    expect: rpt('TLSRPT_MISSING_WITH_POLICY', 'TLSRPT_WRONG_LOCATION'),
  },
];

const absent = (...codes: FindingCode[]): DomainSpec['expect'] => ({ posture: 'absent', codes: [...codes, 'MTASTS_DNS_RECORD_MISSING', 'TLSRPT_VALID'] });

export const MX_DOMAINS: DomainSpec[] = [
  { name: 'null-mx.test', about: 'null MX, nothing else', mx: [[0, '.']], sts: null, policy: null, tlsrpt: null, expect: { posture: 'no-mail', codes: ['MX_NULL'] } },
  { name: 'null-mx-preference.test', about: 'MX 10 . (a null MX must have preference 0)', mx: [[10, '.']], sts: null, policy: null, tlsrpt: null, expect: { posture: 'no-mail', codes: ['MX_NULL_MALFORMED'] } },
  { name: 'null-mx-mixed.test', about: 'null MX next to a real one', mx: [[0, '.'], [10, 'mx1.provider.test']], expect: { posture: 'enforce', codes: ['MX_NULL_MIXED', ...HEALTHY_ENFORCE] } },
  { name: 'nxdomain.test', about: 'the domain does not exist', mx: 'none', sts: null, policy: null, tlsrpt: null, expect: { posture: 'no-mail', codes: ['MX_DOMAIN_NXDOMAIN'] } },
  { name: 'mx-lookup-failed.test', about: 'MX query SERVFAIL', faults: [{ name: 'mx-lookup-failed.test', type: 'MX', fault: 'servfail' }], expect: { posture: 'error', codes: ['MX_LOOKUP_FAILED', 'MTASTS_POLICY_VALID', 'TLSRPT_VALID'] } },
  { name: 'implicit-mx.test', about: 'no MX: mail goes to the domain\'s own address', mx: 'none', apexA: ['smtp:implicit-mx.test'], sts: null, policy: null, expect: absent('MX_NONE_IMPLICIT', ...TRANSPORT_OK) },
  {
    name: 'implicit-failed.test', about: 'no MX, and the lookup of the domain\'s own address fails', mx: 'none', sts: null, policy: null,
    faults: [{ name: 'implicit-failed.test', type: 'A', fault: 'servfail' }], expect: { posture: 'error', codes: ['MX_LOOKUP_FAILED', 'MTASTS_DNS_RECORD_MISSING', 'TLSRPT_VALID'] },
  },
  { name: 'no-mx-no-address.test', about: 'neither MX nor address', mx: 'none', sts: null, policy: null, tlsrpt: null, extra: [{ name: 'no-mx-no-address.test', type: 'TXT', data: ['hello'] }], expect: { posture: 'no-mail', codes: ['MX_NONE_NO_ADDRESS'] } },
  {
    name: 'mx-cname.test', about: 'the MX host is a CNAME to a provider host whose certificate does not name it', mx: [[10, 'mail.mx-cname.test']], policy: policyBody('enforce', ['mail.mx-cname.test']),
    extra: [{ name: 'mail.mx-cname.test', type: 'CNAME', data: 'mx1.provider.test' }],
    expect: { posture: 'enforce', codes: ['MX_TARGET_CNAME', 'STARTTLS_CERT_NAME_MISMATCH', 'MTASTS_MX_UNDELIVERABLE', 'MTASTS_MX_NONE_DELIVERABLE', 'MTASTS_POLICY_VALID', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_ALL_COVERED', 'TLSRPT_VALID', 'DNSSEC_UNSIGNED'] },
  },
  { name: 'mx-ip-literal.test', about: 'MX exchange written as an IP address', mx: [[10, '127.0.0.1']], sts: null, policy: null, expect: absent('MX_TARGET_IP_LITERAL', 'MX_NO_USABLE_HOST', 'DNSSEC_UNSIGNED') },
  { name: 'mx-no-address.test', about: 'a backup MX without address', mx: [[10, 'mx1.provider.test'], [20, 'ghost.mx-no-address.test']], sts: null, policy: null, expect: absent('MX_TARGET_NO_ADDRESS', ...TRANSPORT_OK) },
  {
    name: 'mx-target-failed.test', about: 'a backup MX whose address lookup fails', mx: [[10, 'mx1.provider.test'], [20, 'broken.mx-target-failed.test']], sts: null, policy: null,
    faults: [{ name: 'broken.mx-target-failed.test', fault: 'servfail' }], expect: absent('MX_TARGET_LOOKUP_FAILED', ...TRANSPORT_OK),
  },
  {
    name: 'mx-private.test', about: 'a backup MX on an RFC 1918 address (never contacted)', mx: [[10, 'mx1.provider.test'], [20, 'internal.mx-private.test']], sts: null, policy: null,
    extra: [{ name: 'internal.mx-private.test', type: 'A', data: '192.168.1.10' }], expect: absent('MX_TARGET_PRIVATE_ADDRESS', ...TRANSPORT_OK),
  },
  { name: 'mx-no-usable.test', about: 'no MX host has an address', mx: [[10, 'ghost1.mx-no-usable.test'], [20, 'ghost2.mx-no-usable.test']], sts: null, policy: null, expect: absent('MX_TARGET_NO_ADDRESS', 'MX_NO_USABLE_HOST', 'DNSSEC_UNSIGNED') },
];

const enforceOn = (...codes: FindingCode[]): DomainSpec['expect'] => ({ posture: 'enforce', codes: [...codes, 'MTASTS_POLICY_VALID', 'MTASTS_MODE_ENFORCE', 'TLSRPT_VALID', ...TRANSPORT_OK] });

export const COVERAGE_DOMAINS: DomainSpec[] = [
  { name: 'mx-not-covered.test', about: 'a third MX the policy forgot', mx: [[10, 'mx1.provider.test'], [20, 'mx2.provider.test'], [30, 'mx.other.test']], expect: enforceOn('MTASTS_MX_NOT_COVERED') },
  { name: 'mx-none-covered.test', about: 'the policy lists an old provider', policy: policyBody('enforce', ['mail.elsewhere.test']), expect: enforceOn('MTASTS_MX_NOT_COVERED', 'MTASTS_MX_NONE_COVERED', 'MTASTS_POLICY_MX_UNUSED') },
  { name: 'mx-wildcard-depth.test', about: '*.mx1.provider.test cannot cover mx1.provider.test', policy: policyBody('enforce', ['*.mx1.provider.test', 'mx2.provider.test']), expect: enforceOn('MTASTS_MX_NOT_COVERED', 'MTASTS_MX_WILDCARD_DEPTH', 'MTASTS_POLICY_MX_UNUSED') },
  {
    name: 'mx-undeliverable.test', about: 'a covered backup MX with a certificate for another name', mx: [[10, 'mx1.provider.test'], [20, 'badcert.provider.test']],
    expect: enforceOn('MTASTS_MX_ALL_COVERED', 'MTASTS_MX_UNDELIVERABLE', 'STARTTLS_CERT_NAME_MISMATCH'),
  },
  {
    name: 'mx-none-deliverable.test', about: 'the only MX has a certificate for another name', mx: [[10, 'badcert.provider.test']],
    expect: { posture: 'enforce', codes: ['MTASTS_POLICY_VALID', 'MTASTS_MODE_ENFORCE', 'TLSRPT_VALID', 'DNSSEC_UNSIGNED', 'MTASTS_MX_ALL_COVERED', 'MTASTS_MX_UNDELIVERABLE', 'MTASTS_MX_NONE_DELIVERABLE', 'STARTTLS_CERT_NAME_MISMATCH'] },
  },
  {
    name: 'mx-testing-would-fail.test', about: 'testing mode with an uncovered MX', mx: [[10, 'mx1.provider.test'], [20, 'mx.other.test']], policy: policyBody('testing'),
    expect: { posture: 'testing', codes: ['MTASTS_POLICY_VALID', 'MTASTS_MODE_TESTING', 'TLSRPT_VALID', ...TRANSPORT_OK, 'MTASTS_MX_TESTING_WOULD_FAIL'] },
  },
  {
    name: 'mx-implicit.test', about: 'no MX; the policy covers the domain itself', mx: 'none', apexA: ['smtp:mx-implicit.test'], policy: policyBody('enforce', ['mx-implicit.test']),
    expect: enforceOn('MX_NONE_IMPLICIT', 'MTASTS_MX_IMPLICIT', 'MTASTS_MX_ALL_COVERED'),
  },
  { name: 'null-mx-policy.test', about: 'null MX with an enforce policy', mx: [[0, '.']], tlsrpt: null, expect: { posture: 'no-mail', codes: ['MX_NULL', 'MTASTS_MX_NULL_MX_POLICY', 'MTASTS_POLICY_VALID'] } },
];
