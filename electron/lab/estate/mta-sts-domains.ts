/**
 * Lab domains for the MTASTS_DNS, MTASTS_HTTPS, MTASTS_POLICY and MTASTS_MODE groups: one per finding code
 * a single audit can raise, plus healthy ones and the hostile policy servers.
 */
import { BROKEN_POLICY_BASE, HEALTHY_ENFORCE, TRANSPORT_OK, policyBody, type DomainSpec } from './spec';

const ENFORCE = policyBody('enforce');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export const HEALTHY_DOMAINS: DomainSpec[] = [
  { name: 'enforce.test', about: 'healthy: enforce, two MX, TLS-RPT', expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } },
  {
    name: 'testing.test', about: 'healthy: testing', policy: policyBody('testing'),
    expect: { posture: 'testing', codes: ['MTASTS_POLICY_VALID', 'MTASTS_MODE_TESTING', 'MTASTS_MX_ALL_COVERED', 'TLSRPT_VALID', ...TRANSPORT_OK] },
  },
  {
    name: 'none.test', about: 'healthy: mode none with a short max_age (retirement step)', policy: policyBody('none', [], '86400'),
    expect: { posture: 'none', codes: ['MTASTS_POLICY_VALID', 'MTASTS_MODE_NONE', 'TLSRPT_VALID', ...TRANSPORT_OK] },
  },
  { name: 'bücher.test', about: 'IDN domain, audited as its A-label', expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } },
  { name: 'multi-string.test', about: 'TXT record split into two character-strings', sts: [['v=STSv1; ', 'id=20240101T000000Z']], expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } },
  { name: 'policy-crlf.test', about: 'policy with CRLF line ends', policy: ENFORCE.replace(/\n/g, '\r\n'), expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } },
  { name: 'cert-wildcard.test', about: 'policy host certificate *.<d>', https: { cert: 'wildcard' }, expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } },
  { name: 'cname-policy-host.test', about: 'mta-sts.<d> is a CNAME to a provider that serves a certificate for mta-sts.<d>', policyHostCname: 'sts-host.provider.test', expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } },
];

export const STS_RECORD_DOMAINS: DomainSpec[] = [
  { name: 'absent.test', about: 'no MTA-STS, no TLS-RPT', sts: null, policy: null, tlsrpt: null, expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'TLSRPT_RECORD_MISSING', ...TRANSPORT_OK] } },
  { name: 'dns-lookup-failed.test', about: '_mta-sts TXT answers SERVFAIL', faults: [{ name: '_mta-sts.dns-lookup-failed.test', fault: 'servfail' }], expect: { posture: 'error', codes: ['MTASTS_DNS_LOOKUP_FAILED', 'TLSRPT_VALID', ...TRANSPORT_OK] } },
  { name: 'multiple-records.test', about: 'two v=STSv1 records', sts: ['v=STSv1; id=1a', 'v=STSv1; id=2b'], expect: { posture: 'invalid', codes: ['MTASTS_DNS_MULTIPLE_RECORDS', 'MTASTS_POLICY_VALID', ...BROKEN_POLICY_BASE] } },
  { name: 'version-invalid.test', about: 'v=stsv1 (wrong case)', sts: ['v=stsv1; id=1a'], expect: { posture: 'invalid', codes: ['MTASTS_DNS_VERSION_INVALID', 'MTASTS_POLICY_VALID', ...BROKEN_POLICY_BASE] } },
  { name: 'version-invalid-with-good.test', about: 'a v=STSv2 record next to a good one: senders use the good one', sts: ['v=STSv2; id=1a', 'v=STSv1; id=2b'], expect: { posture: 'enforce', codes: ['MTASTS_DNS_VERSION_INVALID', ...HEALTHY_ENFORCE] } },
  { name: 'syntax-invalid.test', about: 'empty field (;;)', sts: ['v=STSv1; id=abc;; x=1'], expect: { posture: 'invalid', codes: ['MTASTS_DNS_SYNTAX_INVALID', 'MTASTS_POLICY_VALID', ...BROKEN_POLICY_BASE] } },
  { name: 'id-missing.test', about: 'no id field', sts: ['v=STSv1;'], expect: { posture: 'invalid', codes: ['MTASTS_DNS_ID_MISSING', 'MTASTS_POLICY_VALID', ...BROKEN_POLICY_BASE] } },
  { name: 'id-invalid.test', about: 'id with dashes', sts: ['v=STSv1; id=2024-05-01'], expect: { posture: 'invalid', codes: ['MTASTS_DNS_ID_INVALID', 'MTASTS_POLICY_VALID', ...BROKEN_POLICY_BASE] } },
  { name: 'duplicate-field.test', about: 'two id fields', sts: ['v=STSv1; id=a1; id=b2'], expect: { posture: 'enforce', codes: ['MTASTS_DNS_DUPLICATE_FIELD', ...HEALTHY_ENFORCE] } },
  { name: 'unknown-field.test', about: 'extension field', sts: ['v=STSv1; id=a1; foo=bar'], expect: { posture: 'enforce', codes: ['MTASTS_DNS_UNKNOWN_FIELD', ...HEALTHY_ENFORCE] } },
  { name: 'non-ascii.test', about: 'non-ASCII byte in the record', sts: ['v=STSv1; id=a1; foo=bär'], expect: { posture: 'invalid', codes: ['MTASTS_DNS_NON_ASCII', 'MTASTS_POLICY_VALID', ...BROKEN_POLICY_BASE] } },
  { name: 'space-semicolon.test', about: 'v=STSv1 ; (space before the semicolon)', sts: ['v=STSv1 ; id=a1'], expect: { posture: 'enforce', codes: ['MTASTS_DNS_SPACE_BEFORE_SEMICOLON', ...HEALTHY_ENFORCE] } },
  { name: 'unrelated-txt.test', about: 'an unrelated TXT record shares the name', sts: ['v=STSv1; id=a1', 'google-site-verification=abc123'], expect: { posture: 'enforce', codes: ['MTASTS_DNS_UNRELATED_TXT', ...HEALTHY_ENFORCE] } },
  // RFC 8461 §3.1: with several TXT records, only those beginning with the literal "v=STSv1;" are counted.
  { name: 'bare-version-with-good.test', about: 'a bare "v=STSv1" next to a good record: discarded, the good one is used', sts: ['v=STSv1', 'v=STSv1; id=good1'], expect: { posture: 'enforce', codes: ['MTASTS_DNS_VERSION_INVALID', ...HEALTHY_ENFORCE] } },
  {
    name: 'space-semicolon-shared.test', about: '"v=STSv1 ;" next to an unrelated TXT record: discarded, so no policy', sts: ['v=STSv1 ; id=a1', 'google-site-verification=abc123'],
    expect: { posture: 'invalid', codes: ['MTASTS_DNS_VERSION_INVALID', 'MTASTS_DNS_UNRELATED_TXT', 'MTASTS_POLICY_VALID', ...BROKEN_POLICY_BASE] },
  },
  {
    name: 'record-at-apex.test', about: 'the STS record was published at the apex', sts: null, extra: [{ name: 'record-at-apex.test', type: 'TXT', data: ['v=STSv1; id=a1'] }],
    expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'MTASTS_DNS_RECORD_AT_APEX', 'MTASTS_HTTPS_POLICY_WITHOUT_RECORD', 'TLSRPT_VALID', ...TRANSPORT_OK] },
  },
  {
    name: 'sub.parent-only.test', about: 'a subdomain without a record under a parent that has one', sts: null, policy: null,
    extra: [{ name: '_mta-sts.parent-only.test', type: 'TXT', data: ['v=STSv1; id=p1'] }],
    expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'MTASTS_DNS_PARENT_ONLY', 'TLSRPT_VALID', ...TRANSPORT_OK] },
  },
];

const invalid = (...codes: DomainSpec['expect']['codes']): DomainSpec['expect'] => ({ posture: 'invalid', codes: [...codes, ...BROKEN_POLICY_BASE] });
const healthyPlus = (...codes: DomainSpec['expect']['codes']): DomainSpec['expect'] => ({ posture: 'enforce', codes: [...codes, ...HEALTHY_ENFORCE] });

export const POLICY_HOST_DOMAINS: DomainSpec[] = [
  { name: 'host-not-found.test', about: 'mta-sts.<d> has no address', policy: null, expect: invalid('MTASTS_HTTPS_HOST_NOT_FOUND') },
  {
    name: 'host-lookup-failed.test', about: 'mta-sts.<d> address lookups SERVFAIL',
    faults: [{ name: 'mta-sts.host-lookup-failed.test', fault: 'servfail' }], expect: { posture: 'error', codes: ['MTASTS_HTTPS_HOST_LOOKUP_FAILED', ...BROKEN_POLICY_BASE] },
  },
  { name: 'host-private.test', about: 'mta-sts.<d> on an RFC 1918 address (never contacted)', policyHostAddress: ['10.11.12.13'], expect: invalid('MTASTS_HTTPS_HOST_PRIVATE_ADDRESS') },
  { name: 'connect-failed.test', about: 'nothing listens on the policy host', policyHostAddress: ['127.0.0.9'], expect: invalid('MTASTS_HTTPS_CONNECT_FAILED') },
  { name: 'tls-failed.test', about: 'the server aborts the TLS handshake', https: { abortHandshake: true }, expect: invalid('MTASTS_HTTPS_TLS_FAILED') },
  { name: 'tls-obsolete.test', about: 'the policy host speaks TLS 1.0 only', https: { tlsMaxVersion: 'TLSv1' }, expect: invalid('MTASTS_HTTPS_TLS_OBSOLETE') },
  { name: 'cert-untrusted.test', about: 'certificate from an unknown CA', https: { cert: 'untrusted' }, expect: invalid('MTASTS_HTTPS_CERT_UNTRUSTED') },
  { name: 'cert-expired.test', about: 'expired certificate', https: { cert: 'expired' }, expect: invalid('MTASTS_HTTPS_CERT_EXPIRED') },
  { name: 'cert-name-mismatch.test', about: 'certificate for another name', https: { cert: 'wrong-name' }, expect: invalid('MTASTS_HTTPS_CERT_NAME_MISMATCH') },
  { name: 'cert-cn-only.test', about: 'certificate with the name only in the CN', https: { cert: 'cn-only' }, expect: invalid('MTASTS_HTTPS_CERT_NAME_MISMATCH') },
  { name: 'cname-provider-cert.test', about: 'CNAME to a provider serving only its own certificate', policyHostCname: 'sts-host.provider.test', https: { cert: 'wrong-name' }, expect: invalid('MTASTS_HTTPS_CERT_NAME_MISMATCH') },
  { name: 'cert-expiring.test', about: 'certificate expires in 5 days', https: { cert: 'expiring' }, expect: healthyPlus('MTASTS_HTTPS_CERT_EXPIRING_SOON') },
  { name: 'redirect.test', about: '301 to another URL', https: { status: 301, headers: { location: 'https://www.redirect.test/.well-known/mta-sts.txt' }, body: '' }, expect: invalid('MTASTS_HTTPS_REDIRECT') },
  { name: 'status-404.test', about: '404 Not Found', https: { status: 404, body: 'not found' }, expect: invalid('MTASTS_HTTPS_STATUS_NOT_200') },
  { name: 'status-500.test', about: '500 Internal Server Error', https: { status: 500, body: 'oops' }, expect: invalid('MTASTS_HTTPS_STATUS_NOT_200') },
  { name: 'status-203.test', about: '203: another 2xx is not 200', https: { status: 203 }, expect: invalid('MTASTS_HTTPS_STATUS_NOT_200') },
  { name: 'content-type-html.test', about: 'policy served as text/html', https: { headers: { 'content-type': 'text/html' } }, expect: invalid('MTASTS_HTTPS_CONTENT_TYPE_INVALID', 'MTASTS_POLICY_VALID') },
  { name: 'content-type-missing.test', about: 'no Content-Type header', https: { headers: { 'content-type': '' } }, expect: invalid('MTASTS_HTTPS_CONTENT_TYPE_INVALID', 'MTASTS_POLICY_VALID') },
  { name: 'charset-latin1.test', about: 'text/plain; charset=iso-8859-1', https: { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } }, expect: healthyPlus('MTASTS_HTTPS_CHARSET_UNEXPECTED') },
  { name: 'body-too-large.test', about: '70,000-byte body', https: { body: `${ENFORCE}${'x: y\n'.repeat(14_000)}` }, expect: invalid('MTASTS_HTTPS_BODY_TOO_LARGE') },
  { name: 'timeout-headers.test', about: 'headers come after 12 s (the lab gives up at 6 s)', https: { headerDelayMs: 12_000 }, expect: invalid('MTASTS_HTTPS_TIMEOUT') },
  { name: 'timeout-trickle.test', about: 'body trickles 8 bytes every 5 s', https: { trickle: { chunkBytes: 8, intervalMs: 5000 } }, expect: invalid('MTASTS_HTTPS_TIMEOUT') },
  { name: 'slow.test', about: 'answers after 4 s (the lab warns above 2 s, gives up at 6 s)', https: { headerDelayMs: 4000 }, expect: healthyPlus('MTASTS_HTTPS_SLOW') },
  { name: 'body-not-utf8.test', about: 'a byte 0xFF in the body', https: { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.concat([Buffer.from(ENFORCE), Buffer.from([0x78, 0x3a, 0x20, 0xff, 0x0a])]) }, expect: invalid('MTASTS_HTTPS_BODY_NOT_UTF8') },
  { name: 'policy-without-record.test', about: 'a policy is served but no TXT record points to it', sts: null, expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'MTASTS_HTTPS_POLICY_WITHOUT_RECORD', 'TLSRPT_VALID', ...TRANSPORT_OK] } },
];

const OK_HEAD = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n';
const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
const complete = (body: string) => `${OK_HEAD}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/**
 * Hostile networks and hostile servers: every one must end within the fetch's single deadline (the lab's
 * 6 s, CHECKS §4.1) and say in words what happened. Asserted further in test/engine/lab-estate.test.ts.
 */
export const HOSTILE_HOST_DOMAINS: DomainSpec[] = [
  {
    name: 'trickle-headers.test', about: 'the header section trickles in one byte every 250 ms: never idle, never complete within the deadline',
    https: { raw: [{ trickle: `${OK_HEAD}x-padding: ${'a'.repeat(100)}\r\n\r\n${ENFORCE}`, chunkBytes: 1, intervalMs: 250 }] }, expect: invalid('MTASTS_HTTPS_TIMEOUT'),
  },
  { name: 'trickle-body-deadline.test', about: 'the body trickles 4 bytes a second: never idle for 2.5 s, but the 6 s deadline passes first', https: { trickle: { chunkBytes: 4, intervalMs: 1000 } }, expect: invalid('MTASTS_HTTPS_TIMEOUT') },
  { name: 'blackhole-16.test', about: 'mta-sts.<d> has 16 addresses, all black-holed (SYNs dropped)', policyHostBlackhole: 16, expect: invalid('MTASTS_HTTPS_CONNECT_FAILED') },
  {
    name: 'continue-then-200.test', about: 'an interim 100 Continue and 103 Early Hints before the 200: skipped, as senders do (RFC 9110 §15.2)',
    https: { raw: [{ send: CONTINUE }, { pause: 50 }, { send: 'HTTP/1.1 103 Early Hints\r\nlink: </a.css>; rel=preload\r\n\r\n' }, { send: complete(ENFORCE) }] },
    expect: { posture: 'enforce', codes: HEALTHY_ENFORCE },
  },
  { name: 'continue-then-nothing.test', about: '100 Continue, then silence: a time-out', https: { raw: [{ send: CONTINUE }] }, expect: invalid('MTASTS_HTTPS_TIMEOUT') },
  {
    name: 'reset-mid-body.test', about: 'Content-Length 2,000, then a TCP reset after 1,234 body bytes',
    https: { raw: [{ send: `${OK_HEAD}content-length: 2000\r\n\r\n${ENFORCE}${'#'.repeat(1234 - ENFORCE.length)}` }, { pause: 200 }, { reset: true }] },
    expect: invalid('MTASTS_HTTPS_RESPONSE_INCOMPLETE'),
  },
  { name: 'huge-header.test', about: 'a 1 MB header line', https: { raw: [{ send: `${OK_HEAD}x-junk: ${'a'.repeat(1 << 20)}\r\n\r\n${ENFORCE}` }] }, expect: invalid('MTASTS_HTTPS_RESPONSE_INCOMPLETE') },
];

const lines = (...l: string[]) => `${l.join('\n')}\n`;

export const POLICY_CONTENT_DOMAINS: DomainSpec[] = [
  { name: 'policy-html.test', about: 'a landing page served with 200 text/plain', policy: '<html><body>Welcome</body></html>\n', expect: invalid('MTASTS_POLICY_NOT_A_POLICY') },
  { name: 'policy-syntax.test', about: 'a line without a colon', policy: lines('version: STSv1', 'mode: enforce', 'mx: *.provider.test', 'this line is junk', 'max_age: 1209600'), expect: invalid('MTASTS_POLICY_SYNTAX_INVALID') },
  { name: 'policy-version.test', about: 'version: STSv2', policy: ENFORCE.replace('STSv1', 'STSv2'), expect: invalid('MTASTS_POLICY_VERSION_INVALID') },
  { name: 'policy-mode.test', about: 'mode: enforced', policy: ENFORCE.replace('mode: enforce', 'mode: enforced'), expect: invalid('MTASTS_POLICY_MODE_INVALID') },
  { name: 'policy-max-age-invalid.test', about: 'max_age: -1', policy: policyBody('enforce', undefined, '-1'), expect: invalid('MTASTS_POLICY_MAX_AGE_INVALID') },
  { name: 'policy-max-age-large.test', about: 'max_age above one year', policy: policyBody('enforce', undefined, '31557601'), expect: invalid('MTASTS_POLICY_MAX_AGE_TOO_LARGE') },
  { name: 'policy-max-age-short.test', about: 'enforce with max_age of one day', policy: policyBody('enforce', undefined, '86400'), expect: healthyPlus('MTASTS_POLICY_MAX_AGE_SHORT') },
  { name: 'policy-mx-missing.test', about: 'enforce without mx lines', policy: policyBody('enforce', []), expect: invalid('MTASTS_POLICY_MX_MISSING') },
  { name: 'policy-mx-invalid.test', about: 'draft-era .domain mx form', policy: policyBody('enforce', ['.provider.test']), expect: invalid('MTASTS_POLICY_MX_INVALID') },
  { name: 'policy-mx-broad.test', about: 'mx: *.com', policy: policyBody('enforce', ['*.provider.test', '*.com']), expect: healthyPlus('MTASTS_POLICY_MX_TOO_BROAD', 'MTASTS_POLICY_MX_UNUSED') },
  { name: 'policy-mx-duplicate.test', about: 'the same mx twice', policy: policyBody('enforce', ['*.provider.test', '*.PROVIDER.test']), expect: healthyPlus('MTASTS_POLICY_MX_DUPLICATE') },
  { name: 'policy-mx-unused.test', about: 'a stale mx entry', policy: policyBody('enforce', ['*.provider.test', 'old-mx.policy-mx-unused.test']), expect: healthyPlus('MTASTS_POLICY_MX_UNUSED') },
  { name: 'policy-duplicate-field.test', about: 'mode twice (first wins)', policy: `${ENFORCE}mode: testing\n`, expect: healthyPlus('MTASTS_POLICY_DUPLICATE_FIELD') },
  { name: 'policy-unknown-field.test', about: 'an extension field', policy: `${ENFORCE}contact: postmaster@example.net\n`, expect: healthyPlus('MTASTS_POLICY_UNKNOWN_FIELD') },
  { name: 'policy-extension-invalid.test', about: 'an extension name starting with _', policy: `${ENFORCE}_note: hello\n`, expect: invalid('MTASTS_POLICY_EXTENSION_INVALID') },
  { name: 'policy-key-case.test', about: 'Mode: enforce', policy: ENFORCE.replace('mode:', 'Mode:'), expect: invalid('MTASTS_POLICY_KEY_CASE', 'MTASTS_POLICY_MODE_INVALID') },
  { name: 'policy-whitespace.test', about: 'mode : enforce', policy: ENFORCE.replace('mode:', 'mode :'), expect: invalid('MTASTS_POLICY_WHITESPACE_MISPLACED') },
  { name: 'policy-blank-line.test', about: 'a blank line between fields', policy: ENFORCE.replace('mode:', '\nmode:'), expect: invalid('MTASTS_POLICY_BLANK_LINE') },
  // The BOM bytes are non-ASCII and no charset is declared, so the charset hint fires too (CHECKS §1.2).
  { name: 'policy-bom.test', about: 'UTF-8 BOM at the start', policy: Buffer.concat([BOM, Buffer.from(ENFORCE)]), expect: invalid('MTASTS_POLICY_BOM', 'MTASTS_HTTPS_CHARSET_UNEXPECTED') },
  { name: 'policy-control.test', about: 'a lone CR inside a line', policy: ENFORCE.replace('mode: enforce', 'mode: enforce\rx'), expect: invalid('MTASTS_POLICY_CONTROL_CHARS') },
  { name: 'policy-mixed-eol.test', about: 'LF and CRLF mixed', policy: ENFORCE.replace('mode: enforce\n', 'mode: enforce\r\n'), expect: healthyPlus('MTASTS_POLICY_MIXED_LINE_ENDINGS') },
];
