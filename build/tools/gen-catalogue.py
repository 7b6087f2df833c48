#!/usr/bin/env python3
"""Generates shared/catalogue-data.ts from docs/CHECKS.md (the spec). Run after CHECKS.md changes:
   python3 build/tools/gen-catalogue.py > shared/catalogue-data.ts
The catalogue is data generated once from the spec, so the UI, workbook and PDF never drift from it."""
import json, re, sys, pathlib

root = pathlib.Path(__file__).resolve().parents[2]
text = (root / 'docs' / 'CHECKS.md').read_text()
GROUPS = [(g + '_', g) for g in ('MTASTS_DNS', 'MTASTS_HTTPS', 'MTASTS_POLICY', 'MTASTS_MODE', 'MTASTS_MX',
                                 'TLSRPT', 'MX', 'STARTTLS', 'DANE', 'DNSSEC')]

# Hand-written titles, one per CHECKS.md §1 code: plain English for a non-specialist reader, stating the
# situation (not the code), sentence case, no trailing period, at most TITLE_MAX characters. The script
# refuses to run when a code has no title here, so a new code in CHECKS.md needs a title before it ships.
TITLE_MAX = 60
TITLES = {
    # 1.1 _mta-sts TXT record
    'MTASTS_DNS_RECORD_MISSING': 'No MTA-STS record published',
    'MTASTS_DNS_LOOKUP_FAILED': 'DNS lookup of the MTA-STS record failed',
    'MTASTS_DNS_MULTIPLE_RECORDS': 'More than one MTA-STS record published',
    'MTASTS_DNS_VERSION_INVALID': 'MTA-STS record version tag is wrong or not first',
    'MTASTS_DNS_SYNTAX_INVALID': 'MTA-STS record has a syntax error',
    'MTASTS_DNS_ID_MISSING': 'MTA-STS record has no policy id',
    'MTASTS_DNS_ID_INVALID': 'MTA-STS record has a malformed policy id',
    'MTASTS_DNS_DUPLICATE_FIELD': 'MTA-STS record repeats a field',
    'MTASTS_DNS_UNKNOWN_FIELD': 'MTA-STS record has extra fields senders ignore',
    'MTASTS_DNS_NON_ASCII': 'MTA-STS record contains characters outside printable ASCII',
    'MTASTS_DNS_SPACE_BEFORE_SEMICOLON': 'MTA-STS record has a space before the first semicolon',
    'MTASTS_DNS_UNRELATED_TXT': 'Unrelated TXT records share the MTA-STS record name',
    'MTASTS_DNS_RECORD_AT_APEX': 'MTA-STS record published at the wrong DNS name',
    'MTASTS_DNS_PARENT_ONLY': 'Subdomain has no MTA-STS record; only its parent does',
    'MTASTS_DNS_ID_NOT_UPDATED': 'Policy changed without a new id in the MTA-STS record',
    'MTASTS_DNS_REMOVED_WITHOUT_NONE': 'MTA-STS removed without first switching to mode none',
    # 1.2 Policy host and HTTPS fetch
    'MTASTS_HTTPS_HOST_NOT_FOUND': 'MTA-STS policy host has no address in DNS',
    'MTASTS_HTTPS_HOST_LOOKUP_FAILED': 'DNS lookup of the MTA-STS policy host failed',
    'MTASTS_HTTPS_HOST_PRIVATE_ADDRESS': 'MTA-STS policy host has only private addresses',
    'MTASTS_HTTPS_CONNECT_FAILED': 'Cannot connect to the MTA-STS policy host on port 443',
    'MTASTS_HTTPS_TLS_FAILED': 'TLS handshake with the MTA-STS policy host fails',
    'MTASTS_HTTPS_TLS_OBSOLETE': 'MTA-STS policy host supports only outdated TLS versions',
    'MTASTS_HTTPS_CERT_UNTRUSTED': 'MTA-STS policy host certificate is not trusted',
    'MTASTS_HTTPS_CERT_EXPIRED': 'MTA-STS policy host certificate expired or not yet valid',
    'MTASTS_HTTPS_CERT_NAME_MISMATCH': 'MTA-STS policy host certificate does not match its name',
    'MTASTS_HTTPS_CERT_EXPIRING_SOON': 'MTA-STS policy host certificate expires within 14 days',
    'MTASTS_HTTPS_REDIRECT': 'MTA-STS policy URL redirects instead of serving the file',
    'MTASTS_HTTPS_STATUS_NOT_200': 'MTA-STS policy URL returns an HTTP status other than 200',
    'MTASTS_HTTPS_CONTENT_TYPE_INVALID': 'MTA-STS policy file not served as text/plain',
    'MTASTS_HTTPS_CHARSET_UNEXPECTED': 'MTA-STS policy file has an unexpected character set',
    'MTASTS_HTTPS_BODY_TOO_LARGE': 'MTA-STS policy file is larger than 64 KiB',
    'MTASTS_HTTPS_TIMEOUT': 'MTA-STS policy file download times out',
    'MTASTS_HTTPS_SLOW': 'MTA-STS policy file is slow to download (over 4 s)',
    'MTASTS_HTTPS_BODY_NOT_UTF8': 'MTA-STS policy file is not valid UTF-8 text',
    'MTASTS_HTTPS_POLICY_WITHOUT_RECORD': 'MTA-STS policy file exists but no DNS record announces it',
    'MTASTS_HTTPS_RESPONSE_INCOMPLETE': 'MTA-STS policy host sends an incomplete or broken response',
    # 1.3 Policy file content
    'MTASTS_POLICY_VALID': 'Valid MTA-STS policy file',
    'MTASTS_POLICY_NOT_A_POLICY': 'MTA-STS policy file is empty or a web page',
    'MTASTS_POLICY_SYNTAX_INVALID': 'MTA-STS policy has a malformed line',
    'MTASTS_POLICY_VERSION_INVALID': 'MTA-STS policy version line is missing or wrong',
    'MTASTS_POLICY_MODE_INVALID': 'MTA-STS policy mode is missing or invalid',
    'MTASTS_POLICY_MAX_AGE_INVALID': 'MTA-STS policy lifetime (max_age) is missing or invalid',
    'MTASTS_POLICY_MAX_AGE_TOO_LARGE': 'MTA-STS policy lifetime exceeds one year',
    'MTASTS_POLICY_MAX_AGE_SHORT': 'MTA-STS policy lifetime is shorter than one week',
    'MTASTS_POLICY_MX_MISSING': 'MTA-STS policy lists no MX hosts',
    'MTASTS_POLICY_MX_INVALID': 'MTA-STS policy has a malformed MX entry',
    'MTASTS_POLICY_MX_TOO_BROAD': 'MTA-STS policy MX wildcard matches a whole public suffix',
    'MTASTS_POLICY_MX_DUPLICATE': 'MTA-STS policy lists the same MX twice',
    'MTASTS_POLICY_MX_UNUSED': 'MTA-STS policy lists an MX the domain does not use',
    'MTASTS_POLICY_DUPLICATE_FIELD': 'MTA-STS policy repeats the version, mode or max_age field',
    'MTASTS_POLICY_UNKNOWN_FIELD': 'MTA-STS policy has extra fields senders ignore',
    'MTASTS_POLICY_EXTENSION_INVALID': 'MTA-STS policy has a malformed extra field',
    'MTASTS_POLICY_KEY_CASE': 'MTA-STS policy field name in wrong letter case',
    'MTASTS_POLICY_WHITESPACE_MISPLACED': 'MTA-STS policy has spaces before a field name or colon',
    'MTASTS_POLICY_BLANK_LINE': 'MTA-STS policy contains blank or comment lines',
    'MTASTS_POLICY_BOM': 'MTA-STS policy file starts with a byte-order mark',
    'MTASTS_POLICY_CONTROL_CHARS': 'MTA-STS policy contains control characters',
    'MTASTS_POLICY_MIXED_LINE_ENDINGS': 'MTA-STS policy mixes Windows and Unix line endings',
    # 1.4 Mode facts
    'MTASTS_MODE_ENFORCE': 'MTA-STS policy in enforce mode',
    'MTASTS_MODE_TESTING': 'MTA-STS policy only in testing mode',
    'MTASTS_MODE_NONE': 'MTA-STS policy in none mode (opt-out or removal)',
    # 1.5 Policy versus the real MX set
    'MTASTS_MX_ALL_COVERED': 'MTA-STS policy covers every MX',
    'MTASTS_MX_NOT_COVERED': 'An MX is not listed in the enforced policy',
    'MTASTS_MX_NONE_COVERED': 'No MX is listed in the enforced policy',
    'MTASTS_MX_WILDCARD_DEPTH': 'Policy wildcard is at the wrong level for an MX',
    'MTASTS_MX_UNDELIVERABLE': 'An MX fails TLS checks under the enforced policy',
    'MTASTS_MX_NONE_DELIVERABLE': 'No MX accepts mail under the enforced policy',
    'MTASTS_MX_TESTING_WOULD_FAIL': 'An MX would fail if the policy were enforced',
    'MTASTS_MX_IMPLICIT': 'No MX records: policy must cover the domain name itself',
    'MTASTS_MX_NULL_MX_POLICY': 'Domain takes no mail yet has an active MTA-STS policy',
    # 1.6 TLS reporting
    'TLSRPT_VALID': 'Valid TLS-RPT record',
    'TLSRPT_RECORD_MISSING': 'No TLS-RPT record published',
    'TLSRPT_MISSING_WITH_POLICY': 'No TLS-RPT record, so MTA-STS/DANE failures go unseen',
    'TLSRPT_LOOKUP_FAILED': 'DNS lookup of the TLS-RPT record failed',
    'TLSRPT_MULTIPLE_RECORDS': 'More than one TLS-RPT record published',
    'TLSRPT_SYNTAX_INVALID': 'TLS-RPT record has a syntax error',
    'TLSRPT_RUA_MISSING': 'TLS-RPT record has no report destination',
    'TLSRPT_RUA_URI_INVALID': 'TLS-RPT report destination is not a valid URI',
    'TLSRPT_RUA_SCHEME_UNSUPPORTED': 'TLS-RPT destination is neither mailto: nor https:',
    'TLSRPT_NO_USABLE_RUA': 'TLS-RPT record has no usable report destination',
    'TLSRPT_RUA_MAILTO_INVALID': 'TLS-RPT report e-mail address is malformed',
    'TLSRPT_RUA_MAILTO_UNDELIVERABLE': 'TLS-RPT report address cannot receive mail',
    'TLSRPT_RUA_HTTPS_UNRESOLVABLE': 'TLS-RPT report web endpoint has no DNS address',
    'TLSRPT_MULTIPLE_RUA_FIELDS': 'TLS-RPT record has several report destination fields',
    'TLSRPT_EXTERNAL_RUA': 'TLS-RPT reports go to another domain',
    'TLSRPT_UNKNOWN_FIELD': 'TLS-RPT record has extra fields senders ignore',
    'TLSRPT_WRONG_LOCATION': 'TLS-RPT record published at the wrong DNS name',
    # 1.7 MX resolution
    'MX_NULL': 'Domain publishes a null MX',
    'MX_NULL_MIXED': 'Null MX published alongside other MX records',
    'MX_DOMAIN_NXDOMAIN': 'Domain does not exist in DNS',
    'MX_LOOKUP_FAILED': 'DNS lookup of the MX records failed',
    'MX_NONE_IMPLICIT': "No MX record: mail goes to the domain's own address",
    'MX_NONE_NO_ADDRESS': 'No MX record and no address: domain takes no mail',
    'MX_TARGET_CNAME': 'An MX points to an alias (CNAME)',
    'MX_TARGET_IP_LITERAL': 'An MX is an IP address instead of a host name',
    'MX_TARGET_NO_ADDRESS': 'An MX host has no address in DNS',
    'MX_TARGET_LOOKUP_FAILED': "DNS lookup of an MX host's address failed",
    'MX_TARGET_PRIVATE_ADDRESS': 'An MX host has only private addresses',
    'MX_NO_USABLE_HOST': 'No MX host has a usable public address',
    'MX_NULL_MALFORMED': 'Null MX not written as the single record "0 ."',
    # 1.8 SMTP STARTTLS probe
    'STARTTLS_NOT_TESTED': 'STARTTLS not tested (port 25 blocked or probes off)',
    'STARTTLS_OK': 'MX offers valid STARTTLS',
    'STARTTLS_CONNECT_FAILED': 'Cannot connect to an MX address on port 25',
    'STARTTLS_SMTP_ERROR': 'MX refuses or drops the SMTP session before STARTTLS',
    'STARTTLS_NOT_OFFERED': 'MX does not offer STARTTLS',
    'STARTTLS_REJECTED': 'MX advertises STARTTLS but refuses it',
    'STARTTLS_HANDSHAKE_FAILED': 'TLS handshake with the MX fails',
    'STARTTLS_TLS_OBSOLETE': 'MX supports only outdated TLS versions',
    'STARTTLS_CERT_UNTRUSTED': 'MX certificate is not publicly trusted',
    'STARTTLS_CHAIN_INCOMPLETE': 'MX does not send its intermediate certificates',
    'STARTTLS_CERT_EXPIRED': 'MX certificate expired or not yet valid',
    'STARTTLS_CERT_EXPIRING_SOON': 'MX certificate expires within 14 days',
    'STARTTLS_CERT_NAME_MISMATCH': 'MX certificate does not match the MX host name',
    'STARTTLS_CERT_CN_ONLY': 'MX certificate lacks SAN names (name in CN only)',
    'STARTTLS_CERT_WEAK_KEY': 'MX certificate uses a weak key or signature',
    'STARTTLS_SNI_DEPENDENT': 'MX presents a valid certificate only when SNI is sent',
    'STARTTLS_ADVERTISED_AFTER_TLS': 'MX still offers STARTTLS after TLS is started',
    'STARTTLS_INCONSISTENT': "An MX host's addresses differ in their TLS setup",
    'STARTTLS_REQUIRETLS_ADVERTISED': 'MX advertises REQUIRETLS support',
    'STARTTLS_GREETING_SLOW': 'MX greets too slowly to be tested',
    # 1.9 DANE
    'DANE_TLSA_ABSENT': 'No TLSA records: DANE does not apply',
    'DANE_TLSA_SECURE': 'MX publishes DNSSEC-signed TLSA records',
    'DANE_TLSA_INSECURE': 'TLSA records are not DNSSEC-signed, so senders ignore them',
    'DANE_TLSA_LOOKUP_FAILED': "DNS lookup of an MX's TLSA records failed",
    'DANE_TLSA_PKIX_USAGE': 'TLSA records use certificate usages not meant for SMTP',
    'DANE_TLSA_RECORD_UNUSABLE': 'A TLSA record is malformed or unusable',
    'DANE_TLSA_ALL_UNUSABLE': 'All TLSA records of an MX are unusable',
    'DANE_STARTTLS_MISSING': 'MX has TLSA records but no working STARTTLS',
    'DANE_TLSA_NO_MATCH': 'TLSA records do not match the MX certificate',
    'DANE_TA_NOT_IN_CHAIN': 'MX does not send the CA certificate named in TLSA',
    'DANE_TA_NAME_MISMATCH': 'MX certificate name fails the DANE name check',
    'DANE_TLSA_MATCH': 'TLSA record matches the MX certificate',
    'DANE_ALL_MX_FAIL': 'No MX passes DANE: validating senders cannot deliver',
    'DANE_ROLLOVER_INCONSISTENT': 'Stale TLSA records do not match the current certificate',
    'DANE_PARAMS_DISCOURAGED': 'TLSA records use discouraged parameters',
    'DANE_MX_INSECURE': 'MX records are not DNSSEC-signed, weakening DANE',
    'DANE_ADDRESS_INSECURE': 'MX host address not DNSSEC-signed, so TLSA is ignored',
    'DANE_PARTIAL': 'Only some MX hosts are protected by DANE',
    'DANE_EE_CERT_EXPIRED': 'DANE accepts an expired or self-signed MX certificate',
    'DANE_MTASTS_CONFLICT': 'DANE and MTA-STS disagree about an MX',
    # 1.10 DNSSEC
    'DNSSEC_RESOLVER_NOT_VALIDATING': 'Audit resolver does not validate DNSSEC',
    'DNSSEC_SIGNED': "Domain's MX records are DNSSEC-signed",
    'DNSSEC_UNSIGNED': "Domain's MX records are not DNSSEC-signed",
    'DNSSEC_BOGUS': "DNSSEC validation fails for the domain's mail records",
    'DNSSEC_RESOLVER_UNKNOWN': 'Could not tell whether the resolver checks DNSSEC',
}

def group_of(code):
    for prefix, g in GROUPS:
        if code.startswith(prefix):
            return prefix, g
    raise SystemExit('no group for ' + code)

def title_of(code):
    title = TITLES.get(code)
    if title is None:
        raise SystemExit(f'gen-catalogue: {code} has no entry in TITLES (add a hand-written title)')
    problems = []
    if len(title) > TITLE_MAX:
        problems.append(f'is {len(title)} characters (max {TITLE_MAX})')
    if title != title.strip() or title.endswith('.'):
        problems.append('has surrounding spaces or a trailing period')
    if not title[:1].isupper():
        problems.append('does not start with a capital letter')
    if re.search(r'[A-Z0-9]+_[A-Z0-9_]+', title):
        problems.append('contains a code name')
    if problems:
        raise SystemExit(f'gen-catalogue: title of {code} ' + '; '.join(problems) + f': {title!r}')
    return title

def describe(trig):
    """The trigger text as prose. A trailing [P:x] marker (nothing after it) is dropped as before; a marker
    followed by more text becomes words, so the sentence around it stays whole."""
    def words(m):
        posture, before, after = m.group(1), trig[:m.start()], trig[m.end():]
        if not after.strip():
            return ''
        if not before.strip() or re.search(r'[.;:!?]\s*$', before):
            return f' Posture is {posture}' if before.strip() else f'Posture is {posture}'
        return f' (posture: {posture})'
    desc = re.sub(r'\s*\[P:([a-z-]+)\]', words, trig).strip()
    if desc != re.sub(r'\s*\[P:[a-z-]+\]', '', trig).strip() and not re.search(r'[.!?)]$', desc):
        desc += '.'
    return desc

def clean(s):
    return s.strip()

entries = []
for line in text.splitlines():
    m = re.match(r'^\| ([A-Z][A-Z0-9_]+) \| (critical|high|medium|low|info) \| (.*) \| (.*?) \| (.*?) \|$', line)
    if not m:
        continue
    code, sev, trig, ref, rem = m.groups()
    prefix, group = group_of(code)
    postures = re.findall(r'\[P:([a-z-]+)\]', trig)
    run_cmp = trig.startswith('(Run comparison.)')
    desc = describe(trig)
    e = {'code': code, 'group': group, 'severity': sev, 'title': title_of(code), 'description': desc,
         'ref': clean(ref), 'remediation': clean(rem) if clean(rem) not in ('—', '-') else ''}
    if postures:
        e['posture'] = postures[0]
    if run_cmp:
        e['runComparison'] = True
    entries.append(e)

stale = sorted(set(TITLES) - {e['code'] for e in entries})
if stale:
    raise SystemExit('gen-catalogue: TITLES has codes not in CHECKS.md: ' + ', '.join(stale))

print('// Generated by build/tools/gen-catalogue.py from docs/CHECKS.md. Do not edit by hand.')
print('export const CATALOGUE_ROWS = ' + json.dumps(entries, indent=2, ensure_ascii=False) + ' as const;')
