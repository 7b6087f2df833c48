/**
 * What a client reads about each finding: a plain title, one sentence on what it means for the domain's mail,
 * and the steps to fix it. The catalogue's description and remediation (shared/findings.ts, from
 * docs/CHECKS.md) stay the engineers' text and the evidence appendix's; nothing a client reads quotes them.
 *
 * Steps are generic: they say "the domain", "the mail servers listed in the domain's MX records", "a new id";
 * the actions layer supplies the exact values for each domain. Every code needs an entry here (the type below
 * makes a missing one a compile error, test/shared/plain-language.test.ts names it).
 */
import type { FindingCode } from './findings';

export interface PlainText {
  /** What a non-specialist understands: sentence case, no trailing period, at most 70 characters. */
  title: string;
  /** One sentence: what this means for the domain's mail, matched to the code's severity. */
  impact: string;
  /** Ordered, actionable steps; empty only for facts that need no action. */
  fix: readonly string[];
}

const EXAMPLE_ID = "a new id (for example today's date and time as 20261205T120000)";
const STS_NAME = '_mta-sts under the domain (for example _mta-sts.example.com)';
const POLICY_HOST = 'mta-sts under the domain (for example mta-sts.example.com)';
const POLICY_ADDRESS = 'https://mta-sts.example.com/.well-known/mta-sts.txt, with the domain in place of example.com';
/** The record's whole value, with an example id built from a date and time (letters and digits only). */
const STS_VALUE = 'the value "v=STSv1; id=" followed by a new id, for example "v=STSv1; id=20261205T120000" built from today\'s date and time';
const TLSRPT_NAME = '_smtp._tls under the domain (for example _smtp._tls.example.com)';
const TLSRPT_EXAMPLE = '"v=TLSRPTv1; rua=mailto:tls-reports@example.com"';

/** Any change to the policy file needs a new id in DNS, or senders keep the copy they cached (RFC 8461 §3.1). */
const NEW_ID_AFTER_EDIT = `Upload the corrected policy file, then change the id in the domain's MTA-STS TXT record to ${EXAMPLE_ID} so senders fetch it.`;
const NO_POLICY = 'so those without a cached copy apply no MTA-STS protection to the domain';

const TLSRPT_PUBLISH = [
  `In the domain's DNS, add a TXT record at ${TLSRPT_NAME} with a value such as ${TLSRPT_EXAMPLE}.`,
  'Use a mailbox or reporting service that someone actually reads, and check the reports regularly.',
];
const CERT_RENEW = [
  'Set up automatic renewal so the certificate does not lapse again.',
];
const DANE_KEY_CHANGE =
  'If the mail server has DANE (TLSA) records and the new certificate uses a new key, publish a TLSA record for the new key before installing it.';

export const PLAIN_TEXT = {
  // ── The _mta-sts TXT record ──────────────────────────────────────────────────────────────────────────────
  MTASTS_DNS_RECORD_MISSING: {
    title: 'No MTA-STS policy published',
    impact: 'Senders are not told that this domain requires encrypted delivery, so those that do not use DANE can be forced onto an unencrypted connection by an attacker on the network path.',
    fix: [
      "Create a policy file with the lines version: STSv1, mode: testing, max_age: 604800 and one mx: line for each mail server listed in the domain's MX records.",
      `Publish it on a web server with a publicly trusted certificate at ${POLICY_ADDRESS}.`,
      `Then add a TXT record at ${STS_NAME} with ${STS_VALUE}.`,
      'Publish a TLS reporting (TLS-RPT) record, and switch the policy to mode: enforce once the reports show no failures.',
    ],
  },
  MTASTS_DNS_LOOKUP_FAILED: {
    title: 'DNS lookup of the MTA-STS record failed',
    impact: "The domain's DNS servers gave no usable answer for the MTA-STS record, so senders that meet the same failure find no policy and the audit could not tell what they see.",
    fix: [
      `Ask the DNS provider why lookups of ${STS_NAME} fail or time out on the domain's authoritative DNS servers.`,
      'Make every authoritative server answer for that name, with the record or with a clean "no such record" answer.',
      "If the domain's zone is DNSSEC-signed, check that its signatures and DS record are valid.",
      'Run the audit again once the lookups succeed.',
    ],
  },
  MTASTS_DNS_MULTIPLE_RECORDS: {
    title: 'More than one MTA-STS record published',
    impact: 'Senders treat two or more MTA-STS records as no policy at all, so the protection is not applied.',
    fix: [
      `In the domain's DNS, keep exactly one TXT record starting with v=STSv1 at ${STS_NAME} and delete the others.`,
      'Make sure the record that remains carries the id of the policy currently published.',
    ],
  },
  MTASTS_DNS_VERSION_INVALID: {
    title: 'MTA-STS record does not start with the exact version tag',
    impact: 'Senders ignore an MTA-STS record that does not begin exactly with the version tag, so depending on the other records present, some or all of them apply no policy.',
    fix: [
      `In the domain's DNS, edit the TXT record at ${STS_NAME} so that it begins exactly with v=STSv1; (capital S, T and S, no spaces).`,
      'If a second, correct MTA-STS record is also published, delete the faulty one instead.',
    ],
  },
  MTASTS_DNS_SYNTAX_INVALID: {
    title: 'MTA-STS record is malformed',
    impact: 'Senders discard a malformed MTA-STS record and apply no policy to the domain.',
    fix: [
      `In the domain's DNS, replace the TXT record at ${STS_NAME} with ${STS_VALUE}.`,
      'Separate fields with a semicolon, with no spaces around the equals signs and no empty fields.',
    ],
  },
  MTASTS_DNS_ID_MISSING: {
    title: 'MTA-STS record has no policy id',
    impact: 'Senders discard an MTA-STS record without a policy id and apply no policy to the domain.',
    fix: [
      `In the domain's DNS, add an id to the TXT record at ${STS_NAME} so that it has ${STS_VALUE}.`,
      'Use only letters and digits in the id, at most 32 of them.',
    ],
  },
  MTASTS_DNS_ID_INVALID: {
    title: 'MTA-STS policy id is empty, too long or has invalid characters',
    impact: 'Strict senders discard the record and apply no policy while lenient ones accept it, so only some senders protect the domain.',
    fix: [
      `In the domain's DNS, change the id in the TXT record at ${STS_NAME} to ${EXAMPLE_ID}.`,
      'Use 1 to 32 letters and digits only, with no dashes, dots, underscores or spaces.',
    ],
  },
  MTASTS_DNS_DUPLICATE_FIELD: {
    title: 'MTA-STS record repeats a field',
    impact: 'Senders disagree on which copy of the repeated field counts, typically the policy id, so some may miss a policy change.',
    fix: [
      `In the domain's DNS, edit the TXT record at ${STS_NAME} so that each field, in particular the id, appears only once.`,
      'Keep the id that belongs to the policy file currently published.',
    ],
  },
  MTASTS_DNS_UNKNOWN_FIELD: {
    title: 'MTA-STS record has extra fields that senders ignore',
    impact: 'The record carries fields beyond the version and id, which senders ignore, so they do no harm.',
    fix: ['Remove the extra fields from the MTA-STS record if nobody added them on purpose.'],
  },
  MTASTS_DNS_NON_ASCII: {
    title: 'MTA-STS record contains special or invisible characters',
    impact: 'Senders discard an MTA-STS record with characters outside plain ASCII text and apply no policy to the domain.',
    fix: [
      `Retype the TXT record at ${STS_NAME} using plain ASCII letters, digits and punctuation only.`,
      'Watch for typographic quotes, non-breaking spaces and other characters pasted from a word processor.',
    ],
  },
  MTASTS_DNS_SPACE_BEFORE_SEMICOLON: {
    title: 'MTA-STS record has a space before the first semicolon',
    impact: 'Some senders ignore the record whenever other TXT records share its name, and would then apply no policy.',
    fix: [`Edit the TXT record at ${STS_NAME} so it begins with v=STSv1; with no space before the semicolon.`],
  },
  MTASTS_DNS_UNRELATED_TXT: {
    title: "Other TXT records share the MTA-STS record's name",
    impact: 'Most senders ignore the other records, but at least one mail server implementation then sees no policy at all.',
    fix: [`Delete the TXT records at ${STS_NAME} that do not start with v=STSv1, or move them to another name.`],
  },
  MTASTS_DNS_RECORD_AT_APEX: {
    title: 'MTA-STS record published at the wrong DNS name',
    impact: 'Senders look for the record only at its one standard name, so they never find this one and apply no policy.',
    fix: [
      `Create the same TXT record at ${STS_NAME}.`,
      'Delete only the misplaced v=STSv1 record from the domain itself or from the mta-sts host name, leaving other TXT records such as SPF in place.',
    ],
  },
  MTASTS_DNS_PARENT_ONLY: {
    title: 'Subdomain has no MTA-STS policy of its own; only its parent does',
    impact: "Senders never apply a parent domain's policy to a subdomain, so mail to this subdomain has no MTA-STS protection.",
    fix: ['If the subdomain receives mail, publish an MTA-STS record and policy file for the subdomain itself, as for the parent domain.'],
  },
  MTASTS_DNS_ID_NOT_UPDATED: {
    title: 'Policy file changed but its id in DNS did not',
    impact: 'Senders that cached the earlier policy keep applying it until it expires, so the change does not reach them.',
    fix: [
      'Check that the new policy file is live at the policy address.',
      `Then change the id in the domain's MTA-STS TXT record to ${EXAMPLE_ID}.`,
      'From now on, change the id every time the policy file changes, after the new file is live.',
    ],
  },
  MTASTS_DNS_REMOVED_WITHOUT_NONE: {
    title: 'MTA-STS removed without first switching to mode none',
    impact: 'Senders that cached the earlier policy keep applying it until its lifetime (max_age) runs out, so they may hold mail if the mail servers no longer meet it.',
    fix: [
      'Publish the policy file again with mode: none and a short lifetime such as max_age: 86400.',
      `Publish the MTA-STS TXT record again with ${EXAMPLE_ID}.`,
      'Wait until the longest max_age the earlier policy had has passed since it was removed.',
      'Then remove the TXT record and the policy file.',
    ],
  },

  // ── The policy web host and download ─────────────────────────────────────────────────────────────────────
  MTASTS_HTTPS_HOST_NOT_FOUND: {
    title: 'MTA-STS policy web host does not exist in DNS',
    impact: `Senders cannot download the policy, ${NO_POLICY}.`,
    fix: [
      `In the domain's DNS, publish address records (A and AAAA) or a CNAME for ${POLICY_HOST}.`,
      'Point that name at the web server that serves the policy file.',
    ],
  },
  MTASTS_HTTPS_HOST_LOOKUP_FAILED: {
    title: 'DNS lookup of the MTA-STS policy web host failed',
    impact: 'The DNS servers gave no usable answer for the policy web host, so senders that meet the same failure cannot fetch the policy and the audit could not check it.',
    fix: [
      `Ask the DNS provider why lookups of ${POLICY_HOST} fail or time out.`,
      'Make every authoritative server answer for that name, then run the audit again.',
    ],
  },
  MTASTS_HTTPS_HOST_PRIVATE_ADDRESS: {
    title: 'MTA-STS policy web host has only private addresses',
    impact: `Senders on the internet cannot reach a private address, so they cannot fetch the policy and apply no MTA-STS protection.`,
    fix: [
      'Serve the policy file from a web server with a public internet address.',
      `In the domain's DNS, point ${POLICY_HOST} at that public address instead of the private one.`,
    ],
  },
  MTASTS_HTTPS_CONNECT_FAILED: {
    title: 'MTA-STS policy web server cannot be reached on port 443',
    impact: `Senders cannot connect to download the policy, ${NO_POLICY}.`,
    fix: [
      `Make the web server for ${POLICY_HOST} accept HTTPS connections on port 443 from the internet.`,
      'Check firewalls and load balancers, and that the web service is running.',
    ],
  },
  MTASTS_HTTPS_TLS_FAILED: {
    title: 'Secure connection to the MTA-STS policy web server fails',
    impact: `Senders cannot open a secure connection to download the policy, ${NO_POLICY}.`,
    fix: [
      `Configure the web server to answer HTTPS for the name ${POLICY_HOST}, with a certificate for that name.`,
      'If that name points to a hosting provider, add it as a custom domain at the provider so the provider serves HTTPS for it.',
    ],
  },
  MTASTS_HTTPS_TLS_OBSOLETE: {
    title: 'MTA-STS policy web server supports only outdated TLS versions',
    impact: `Current senders refuse TLS versions older than 1.2, so they cannot download the policy and apply no MTA-STS protection.`,
    fix: ['Enable TLS 1.2 and TLS 1.3 on the web server that serves the policy file, updating its software if needed.'],
  },
  MTASTS_HTTPS_CERT_UNTRUSTED: {
    title: 'MTA-STS policy web server certificate is not trusted',
    impact: `Senders reject a certificate that does not lead to a public certificate authority, so they do not use the policy and apply no MTA-STS protection.`,
    fix: [
      `Install a certificate for ${POLICY_HOST} from a publicly trusted certificate authority, such as Let's Encrypt.`,
      'Configure the web server to send the full chain: the certificate followed by its intermediate certificates.',
    ],
  },
  MTASTS_HTTPS_CERT_EXPIRED: {
    title: 'MTA-STS policy web server certificate is expired or not yet valid',
    impact: `Senders reject a certificate outside its validity dates, so they cannot fetch the policy and apply no MTA-STS protection.`,
    fix: [
      `Renew the certificate of the policy web server for ${POLICY_HOST} and install it.`,
      ...CERT_RENEW,
      'If the certificate only becomes valid at a future date, install one that is valid now.',
    ],
  },
  MTASTS_HTTPS_CERT_NAME_MISMATCH: {
    title: 'MTA-STS policy web server certificate is for a different name',
    impact: `Senders reject a certificate that does not name the policy web host, so they cannot fetch the policy and apply no MTA-STS protection.`,
    fix: [
      `Get a certificate whose names include ${POLICY_HOST}, or a wildcard for the domain such as *.example.com.`,
      'Install it on the web server that serves the policy file.',
      "If the name points to a hosting provider, have the provider issue a certificate for that name, since the provider's own certificate does not count.",
    ],
  },
  MTASTS_HTTPS_CERT_EXPIRING_SOON: {
    title: 'MTA-STS policy web server certificate expires within 14 days',
    impact: 'Once the certificate expires, senders can no longer fetch the policy and stop applying MTA-STS when their cached copy runs out.',
    fix: ['Renew the certificate of the policy web server now and install it.', ...CERT_RENEW],
  },
  MTASTS_HTTPS_REDIRECT: {
    title: 'MTA-STS policy address redirects instead of serving the file',
    impact: `Senders never follow a redirect when fetching the policy, so they get no policy and apply no MTA-STS protection.`,
    fix: [
      `Configure the web server to serve the policy file directly, with status 200, at ${POLICY_ADDRESS}.`,
      'Remove any redirect for that address, including redirects from plain HTTP, to a trailing slash or to another host.',
    ],
  },
  MTASTS_HTTPS_STATUS_NOT_200: {
    title: 'Web server does not return the MTA-STS policy file',
    impact: `Senders accept the policy only with the HTTP status 200, so they get no policy and apply no MTA-STS protection.`,
    fix: [
      `Make sure the policy file exists on the web server at ${POLICY_ADDRESS}.`,
      'Configure the server to return it with HTTP status 200 and the policy as the body.',
    ],
  },
  MTASTS_HTTPS_CONTENT_TYPE_INVALID: {
    title: 'MTA-STS policy file is not served as plain text',
    impact: 'Several sender implementations reject a policy file that is not labelled as plain text, so those senders apply no MTA-STS protection.',
    fix: ['Configure the web server to send the policy file with the header "Content-Type: text/plain; charset=utf-8".'],
  },
  MTASTS_HTTPS_CHARSET_UNEXPECTED: {
    title: 'MTA-STS policy file declares an unexpected character set',
    impact: 'Some senders may misread the file, because it declares a character set other than UTF-8 or contains non-ASCII text without declaring one.',
    fix: ['Configure the web server to send the header "Content-Type: text/plain; charset=utf-8" for the policy file, or keep the file pure ASCII text.'],
  },
  MTASTS_HTTPS_BODY_TOO_LARGE: {
    title: 'MTA-STS policy file is larger than 64 KiB',
    impact: 'Senders that stop reading at 64 KiB reject the policy and apply no MTA-STS protection.',
    fix: [
      'Check that the web server returns the policy file itself and not a large page or another file.',
      'Keep the policy to its few lines, normally well under 1 KiB.',
    ],
  },
  MTASTS_HTTPS_TIMEOUT: {
    title: 'MTA-STS policy file download times out',
    impact: `Senders give up before the policy arrives, ${NO_POLICY}.`,
    fix: [
      'Find out why the web server or its content delivery network does not deliver the policy file within a minute.',
      'Serve the policy file as a static file so it is returned at once.',
    ],
  },
  MTASTS_HTTPS_RESPONSE_INCOMPLETE: {
    title: 'Web server cuts off or garbles the MTA-STS policy file',
    impact: "The web server's answer ends early or is not valid HTTP, so senders get no policy and those without a cached copy apply no MTA-STS protection.",
    fix: [
      'Check the web server, proxy or CDN in front of the policy file for crashes, dropped connections and oversized headers.',
      'Make sure it sends the whole file with HTTP status 200 and a correct length.',
    ],
  },
  MTASTS_HTTPS_SLOW: {
    title: 'MTA-STS policy file is slow to download (over 4 seconds)',
    impact: 'Some senders give up after about 4 seconds and then apply no MTA-STS protection to the domain.',
    fix: [
      'Serve the policy file as a static file from a fast web server or content delivery network.',
      'Aim for the file to load in well under one second.',
    ],
  },
  MTASTS_HTTPS_BODY_NOT_UTF8: {
    title: 'MTA-STS policy file is not valid UTF-8 text',
    impact: `Senders cannot read a policy file in another text encoding, ${NO_POLICY}.`,
    fix: ['Save the policy file as plain ASCII or UTF-8 text and upload it again.'],
  },
  MTASTS_HTTPS_POLICY_WITHOUT_RECORD: {
    title: 'MTA-STS policy file exists but no DNS record announces it',
    impact: 'Senders look for the DNS record first, so they never discover the policy file and apply no MTA-STS protection.',
    fix: [
      "Check that the policy file lists the mail servers in the domain's MX records and has the intended mode.",
      `Add a TXT record at ${STS_NAME} with ${STS_VALUE}.`,
    ],
  },

  // ── The policy file's content ────────────────────────────────────────────────────────────────────────────
  MTASTS_POLICY_VALID: {
    title: 'MTA-STS policy file is valid',
    impact: 'The policy file follows the standard exactly, so every compliant sender can read it.',
    fix: [],
  },
  MTASTS_POLICY_NOT_A_POLICY: {
    title: 'MTA-STS policy address returns a web page or nothing',
    impact: `Senders cannot read a web page or an empty response as a policy, ${NO_POLICY}.`,
    fix: [
      `Configure the web server to return the plain-text policy file itself, not a landing, error or login page, at ${POLICY_ADDRESS}.`,
      'Check that the policy file is not empty.',
    ],
  },
  MTASTS_POLICY_SYNTAX_INVALID: {
    title: 'MTA-STS policy file has a malformed line',
    impact: `Strict senders reject the whole policy because of the malformed line, ${NO_POLICY}.`,
    fix: [
      'Correct the faulty line of the policy file (the audit details give its line number) so it reads as a name, a colon and a value, for example mode: enforce.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_VERSION_INVALID: {
    title: 'MTA-STS policy file lacks the correct version line',
    impact: `Senders reject a policy without the exact version line, ${NO_POLICY}.`,
    fix: ['Add the line version: STSv1 to the policy file, exactly in that letter case.', NEW_ID_AFTER_EDIT],
  },
  MTASTS_POLICY_MODE_INVALID: {
    title: 'MTA-STS policy mode is missing or not a valid value',
    impact: `Senders reject a policy without a valid mode, ${NO_POLICY}.`,
    fix: [
      'Set the mode line of the policy file to mode: testing while rolling out, or mode: enforce once the reports show no failures.',
      'Write the mode in lower case, since values such as Enforce or enforced are not accepted.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_MAX_AGE_INVALID: {
    title: 'MTA-STS policy lifetime (max_age) is missing or not a number',
    impact: `Senders reject a policy without a valid lifetime, ${NO_POLICY}.`,
    fix: [
      'Add or correct the lifetime line of the policy file using digits only, for example max_age: 1209600 for two weeks.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_MAX_AGE_TOO_LARGE: {
    title: 'MTA-STS policy lifetime is longer than one year',
    impact: `Some senders reject a policy whose lifetime exceeds one year, ${NO_POLICY}.`,
    fix: [
      'Lower max_age in the policy file to at most 31557600 seconds (one year), for example 1209600 for two weeks.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_MAX_AGE_SHORT: {
    title: 'MTA-STS policy lifetime is shorter than one week',
    impact: 'Senders forget the policy quickly, so an attacker who blocks the policy download for a short time can switch the protection off.',
    fix: [
      'Once the policy is stable, raise max_age in the policy file to between 1209600 (two weeks) and 31557600 (one year).',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_MX_MISSING: {
    title: 'MTA-STS policy lists no mail servers',
    impact: `Senders reject a testing or enforce policy that lists no mail servers, ${NO_POLICY}.`,
    fix: [
      "Add one mx: line to the policy file for each mail server listed in the domain's MX records, for example mx: mail.example.com.",
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_MX_INVALID: {
    title: 'MTA-STS policy has a malformed mail server entry',
    impact: 'Strict senders reject the whole policy and apply no MTA-STS protection, while lenient ones keep an entry that matches no mail server.',
    fix: [
      'Write each mx: line as one host name, for example mx: mail.example.com, or one wildcard such as mx: *.example.com.',
      'Remove leading or trailing dots, IP addresses, and extra names on the same line.',
      'Write international host names in their ASCII form, which starts with xn--.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_MX_TOO_BROAD: {
    title: 'MTA-STS policy accepts mail servers under a whole public suffix',
    impact: 'Anyone who can get a certificate under that suffix, such as any name ending in .com, counts as a valid mail server for the domain, which undermines the protection.',
    fix: [
      "Replace the broad wildcard in the policy file with the names of the mail servers listed in the domain's MX records, or with a wildcard under a domain the organisation alone controls.",
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_MX_DUPLICATE: {
    title: 'MTA-STS policy lists the same mail server twice',
    impact: 'The repeated entry does no harm to delivery but makes the policy harder to maintain.',
    fix: ['Remove the duplicate mx: line from the policy file the next time it is edited.', NEW_ID_AFTER_EDIT],
  },
  MTASTS_POLICY_MX_UNUSED: {
    title: 'MTA-STS policy lists a mail server the domain does not use',
    impact: "The entry matches none of the domain's current mail servers, so it protects nothing and may be left over from a retired server.",
    fix: [
      'Remove the entry from the policy file unless it names a mail server about to be added to the MX records.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_DUPLICATE_FIELD: {
    title: 'MTA-STS policy repeats the version, mode or lifetime line',
    impact: 'Senders disagree on which copy counts, so some may apply a different mode or lifetime than intended.',
    fix: ['Keep exactly one version, one mode and one max_age line in the policy file, each with the intended value.', NEW_ID_AFTER_EDIT],
  },
  MTASTS_POLICY_UNKNOWN_FIELD: {
    title: 'MTA-STS policy has extra lines that senders ignore',
    impact: 'The policy contains lines beyond the standard ones, which senders ignore, so they do no harm.',
    fix: [],
  },
  MTASTS_POLICY_EXTENSION_INVALID: {
    title: 'MTA-STS policy has a malformed extra line',
    impact: `Strict senders reject the whole policy because of the malformed line, ${NO_POLICY}.`,
    fix: ['Remove the non-standard line from the policy file, or correct its name and value if it is needed.', NEW_ID_AFTER_EDIT],
  },
  MTASTS_POLICY_KEY_CASE: {
    title: 'MTA-STS policy field name has the wrong letter case',
    impact: 'Senders read field names exactly, so a field written as Mode or MX counts as missing and they reject the policy and apply no MTA-STS protection.',
    fix: ['Write the field names of the policy file in lower case: version, mode, max_age and mx.', NEW_ID_AFTER_EDIT],
  },
  MTASTS_POLICY_WHITESPACE_MISPLACED: {
    title: 'MTA-STS policy has spaces before a field name or colon',
    impact: `Strict senders reject a policy with spaces at the start of a line or before a colon, ${NO_POLICY}.`,
    fix: [
      'Edit the policy file so each line starts directly with the field name, followed by the colon with no space before it, as in mode: enforce.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_BLANK_LINE: {
    title: 'MTA-STS policy contains blank or comment lines',
    impact: `Strict senders reject a policy with blank or comment lines, ${NO_POLICY}.`,
    fix: [
      'Remove all blank lines and comment lines from the policy file.',
      'End the file with at most one line break after the last line.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_POLICY_BOM: {
    title: 'MTA-STS policy file starts with an invisible byte-order mark',
    impact: `Most senders then fail to recognise the first line and reject the policy, ${NO_POLICY}.`,
    fix: ['Save the policy file again as UTF-8 without a byte-order mark (often called "UTF-8 without BOM").', NEW_ID_AFTER_EDIT],
  },
  MTASTS_POLICY_CONTROL_CHARS: {
    title: 'MTA-STS policy contains invisible control characters',
    impact: `Senders reject a policy that contains control characters, ${NO_POLICY}.`,
    fix: ['Save the policy file again as plain text with normal line endings and printable characters only.', NEW_ID_AFTER_EDIT],
  },
  MTASTS_POLICY_MIXED_LINE_ENDINGS: {
    title: 'MTA-STS policy mixes Windows and Unix line endings',
    impact: 'Standard senders accept the file, but some checking tools misread it.',
    fix: ['Save the policy file with one line-ending style throughout the next time it is edited.'],
  },

  // ── Policy mode ──────────────────────────────────────────────────────────────────────────────────────────
  MTASTS_MODE_ENFORCE: {
    title: 'MTA-STS policy is enforced',
    impact: 'Senders that apply MTA-STS deliver to this domain only over encrypted, certificate-checked connections to the mail servers its policy lists.',
    fix: [],
  },
  MTASTS_MODE_TESTING: {
    title: 'MTA-STS policy is only in testing mode',
    impact: 'Senders report problems but still deliver when encryption fails, so the policy does not yet protect the domain\'s mail.',
    fix: [
      'Read the TLS reports (TLS-RPT) for delivery failures and fix any that appear.',
      'When the reports show no failures, change the policy file to mode: enforce.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_MODE_NONE: {
    title: 'MTA-STS policy is switched off (mode none)',
    impact: 'Senders treat the domain as having no MTA-STS policy, which is the normal step while the policy is being retired.',
    fix: [
      "If MTA-STS is being retired, keep this policy published until the previous policy's max_age has passed, then remove the records and the file.",
      'If the switch-off was not intended, set the mode back to testing or enforce and publish a new id.',
    ],
  },

  // ── The policy against the real mail servers ─────────────────────────────────────────────────────────────
  MTASTS_MX_ALL_COVERED: {
    title: 'MTA-STS policy lists every mail server',
    impact: "Every mail server in the domain's MX records matches an entry in the policy.",
    fix: [],
  },
  MTASTS_MX_NOT_COVERED: {
    title: 'A mail server is missing from the enforced MTA-STS policy',
    impact: 'Senders that apply MTA-STS (such as Gmail and Microsoft 365) never deliver to this mail server and treat it as unreachable.',
    fix: [
      'Add an mx: line for this mail server to the policy file, with its host name exactly as written in the MX record.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_MX_NONE_COVERED: {
    title: 'No mail server is listed in the enforced MTA-STS policy',
    impact: 'Senders that apply MTA-STS (such as Gmail and Microsoft 365) cannot deliver to the domain at all, so they hold its mail and eventually bounce it.',
    fix: [
      "Correct the mx: lines of the policy file now so they match the mail servers listed in the domain's MX records, or switch it to mode: testing until they do.",
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_MX_WILDCARD_DEPTH: {
    title: 'A policy wildcard is at the wrong level for a mail server',
    impact: 'A wildcard such as *.example.com covers exactly one extra name level, so it does not cover this mail server.',
    fix: [
      "Add the mail server's exact host name as its own mx: line in the policy file, or a wildcard one level directly above it.",
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_MX_UNDELIVERABLE: {
    title: 'A mail server fails the encryption checks of the enforced policy',
    impact: 'Senders that apply MTA-STS (such as Gmail and Microsoft 365) treat this mail server as unreachable and deliver only to the others.',
    fix: [
      'Make this mail server offer encryption (STARTTLS) with TLS 1.2 or later.',
      'Install a current certificate from a publicly trusted authority that names the server exactly as written in the MX record.',
      'Configure the server to send its intermediate certificates along with the certificate.',
    ],
  },
  MTASTS_MX_NONE_DELIVERABLE: {
    title: 'No mail server passes the enforced MTA-STS policy',
    impact: "Senders that apply MTA-STS (such as Gmail and Microsoft 365) cannot deliver to any of the domain's mail servers, so they hold its mail and eventually bounce it.",
    fix: [
      'Fix the mail servers at once, using the other findings for this domain to see what fails on each: encryption, certificate or DANE records.',
      'If that cannot be done quickly, switch the policy file to mode: testing or mode: none.',
      NEW_ID_AFTER_EDIT,
    ],
  },
  MTASTS_MX_TESTING_WOULD_FAIL: {
    title: 'A mail server would fail if the policy were enforced',
    impact: 'Mail still flows in testing mode, but switching to enforce now would cut off the failing mail servers for senders that apply MTA-STS.',
    fix: [
      'Fix the failing mail servers, either by adding them to the policy or by correcting their encryption and certificates.',
      'Switch the policy to mode: enforce only after a new audit shows no such failures.',
    ],
  },
  MTASTS_MX_IMPLICIT: {
    title: 'No MX records, so the policy must cover the domain name itself',
    impact: "Mail goes to the domain's own address, so the policy has to list the domain name itself as a mail server.",
    fix: [
      'Prefer publishing an explicit MX record that names the server receiving the domain\'s mail.',
      'Until then, keep an mx: line for the domain name itself in the policy file.',
    ],
  },
  MTASTS_MX_NULL_MX_POLICY: {
    title: 'Domain accepts no mail yet has an active MTA-STS policy',
    impact: 'The domain declares that it accepts no mail, so the policy protects nothing and only adds upkeep.',
    fix: [
      `Switch the policy file to mode: none and publish ${EXAMPLE_ID} in the MTA-STS TXT record.`,
      "Once the earlier policy's max_age has passed, remove the TXT record and the policy file.",
    ],
  },

  // ── TLS reporting ────────────────────────────────────────────────────────────────────────────────────────
  TLSRPT_VALID: {
    title: 'TLS reporting is set up',
    impact: 'Sending servers can report encryption failures for this domain to the address in its TLS reporting record.',
    fix: [],
  },
  TLSRPT_RECORD_MISSING: {
    title: 'No TLS reporting (TLS-RPT) record published',
    impact: "Senders have nowhere to report failed encrypted deliveries, so problems with the domain's mail transport go unnoticed.",
    fix: TLSRPT_PUBLISH,
  },
  TLSRPT_MISSING_WITH_POLICY: {
    title: 'No TLS reporting, so MTA-STS or DANE failures go unseen',
    impact: "Senders cannot report failures of the domain's MTA-STS or DANE protection, so blocked deliveries go unnoticed and a policy in testing mode achieves nothing.",
    fix: TLSRPT_PUBLISH,
  },
  TLSRPT_LOOKUP_FAILED: {
    title: 'DNS lookup of the TLS reporting record failed',
    impact: 'Senders that meet the same failure cannot find where to send their reports, so failures may go unreported.',
    fix: [
      `Ask the DNS provider why lookups of ${TLSRPT_NAME} fail or time out.`,
      'Make every authoritative server answer for that name, then run the audit again.',
    ],
  },
  TLSRPT_MULTIPLE_RECORDS: {
    title: 'More than one TLS reporting record published',
    impact: 'Senders treat two or more TLS reporting records as none, so no failure reports are sent.',
    fix: [
      `Merge the records at ${TLSRPT_NAME} into a single TXT record starting with v=TLSRPTv1.`,
      "List all report addresses in that one record's rua field, separated by commas.",
    ],
  },
  TLSRPT_SYNTAX_INVALID: {
    title: 'TLS reporting record is malformed',
    impact: 'Senders discard a malformed TLS reporting record, so no failure reports are sent.',
    fix: [
      `Rewrite the TXT record at ${TLSRPT_NAME} in the plain form ${TLSRPT_EXAMPLE}, with the real report address.`,
      'Start the record exactly with v=TLSRPTv1 and put no spaces around the equals signs.',
    ],
  },
  TLSRPT_RUA_MISSING: {
    title: 'TLS reporting record has no report address',
    impact: 'Without a report address senders have nowhere to send reports, so no failure reports are sent.',
    fix: [`Add a report address to the TXT record at ${TLSRPT_NAME}, as in ${TLSRPT_EXAMPLE}.`],
  },
  TLSRPT_RUA_URI_INVALID: {
    title: 'TLS reporting address is malformed',
    impact: 'Strict senders discard the whole TLS reporting record because of the malformed address, so they send no failure reports.',
    fix: [
      'Write each report address in full with mailto: or https: in front, for example mailto:tls-reports@example.com.',
      'Remove size limits copied from DMARC records, such as !10m, and any spaces inside an address.',
    ],
  },
  TLSRPT_RUA_SCHEME_UNSUPPORTED: {
    title: 'TLS reporting address is neither an e-mail nor an HTTPS address',
    impact: 'Senders skip a report address of any other type, so it receives no reports.',
    fix: ['Replace it with a mailto: address, for example mailto:tls-reports@example.com, or an https: web address.'],
  },
  TLSRPT_NO_USABLE_RUA: {
    title: 'TLS reporting record has no usable report address',
    impact: 'None of the listed report addresses can be used, so senders send no failure reports.',
    fix: [`Add at least one mailto: or https: report address to the TXT record at ${TLSRPT_NAME}, as in ${TLSRPT_EXAMPLE}.`],
  },
  TLSRPT_RUA_MAILTO_INVALID: {
    title: 'TLS reporting e-mail address is malformed',
    impact: 'Reports for that address cannot be delivered, so failures may go unreported.',
    fix: ['Correct the mailto: address in the TLS reporting record so it holds exactly one valid e-mail address.'],
  },
  TLSRPT_RUA_MAILTO_UNDELIVERABLE: {
    title: 'TLS reporting e-mail address cannot receive mail',
    impact: "The report mailbox's domain accepts no mail, so reports sent there are lost.",
    fix: [
      'Change the report address in the TLS reporting record to a mailbox at a domain that receives mail.',
      'Send a test message to that mailbox to confirm that it works.',
    ],
  },
  TLSRPT_RUA_HTTPS_UNRESOLVABLE: {
    title: 'TLS reporting web address does not exist in DNS',
    impact: 'Senders cannot send reports to a web address whose host has no DNS address, so those reports are lost.',
    fix: ['Publish DNS address records for the host of the https: report address, or replace it with a working address.'],
  },
  TLSRPT_MULTIPLE_RUA_FIELDS: {
    title: 'TLS reporting record has several report address fields',
    impact: 'The record is valid, but some report senders may read only one of the report address fields.',
    fix: ['Combine the addresses into a single rua field, separated by commas, the next time the record is edited.'],
  },
  TLSRPT_EXTERNAL_RUA: {
    title: 'TLS reports go to another domain',
    impact: 'Reports are sent to a mailbox or service outside the domain, which is normal when a reporting service is used.',
    fix: [],
  },
  TLSRPT_UNKNOWN_FIELD: {
    title: 'TLS reporting record has extra fields that senders ignore',
    impact: 'The record contains fields beyond the standard ones, which senders ignore, so they do no harm.',
    fix: [],
  },
  TLSRPT_WRONG_LOCATION: {
    title: 'TLS reporting record published at the wrong DNS name',
    impact: 'Senders look for the record only at its one standard name, so they never find this one and send no reports.',
    fix: [
      `Create the same TXT record at ${TLSRPT_NAME}.`,
      'Delete only the misplaced v=TLSRPTv1 record, leaving other TXT records in place.',
    ],
  },

  // ── Mail server (MX) records ─────────────────────────────────────────────────────────────────────────────
  MX_NULL: {
    title: 'Domain declares that it accepts no mail (null MX)',
    impact: 'The domain publishes a null MX record, which tells senders that it accepts no mail.',
    fix: [],
  },
  MX_NULL_MIXED: {
    title: 'No-mail marker (null MX) published next to real mail servers',
    impact: 'The domain says both that it accepts no mail and that it does, so senders may treat it inconsistently.',
    fix: [
      "If the domain receives mail, delete the null MX record (the one pointing to a single dot) from its MX records.",
      'If it receives no mail, delete the other MX records and keep only the null MX.',
    ],
  },
  MX_DOMAIN_NXDOMAIN: {
    title: 'Domain does not exist in DNS',
    impact: 'The domain has no entry in DNS at all, so it cannot receive any mail.',
    fix: ['Check that the domain is spelled correctly in the audited list and is still in use.'],
  },
  MX_LOOKUP_FAILED: {
    title: 'DNS lookup of the mail server (MX) records failed',
    impact: "The domain's DNS servers gave no usable answer for its mail server records, so senders that meet the same failure delay its mail and the audit could not check it.",
    fix: [
      'Ask the DNS provider why MX lookups for the domain fail or time out on its authoritative servers.',
      "If the domain's zone is DNSSEC-signed, check that its signatures and DS record are valid.",
      'Run the audit again once the lookups succeed.',
    ],
  },
  MX_NONE_IMPLICIT: {
    title: "No MX record, so mail goes to the domain's own address",
    impact: "Senders fall back to delivering to the domain's own address, which changes made for other services such as the website can easily break.",
    fix: [
      "Publish an MX record naming the server that should receive the domain's mail.",
      'If the domain receives no mail, publish a null MX instead: a single MX record with priority 0 pointing to a dot.',
    ],
  },
  MX_NONE_NO_ADDRESS: {
    title: 'No MX record and no address, so the domain takes no mail',
    impact: 'Senders find nowhere to deliver, so the domain receives no mail.',
    fix: ['If the domain is not meant to receive mail, publish a null MX (a single MX record with priority 0 pointing to a dot) to say so explicitly.'],
  },
  MX_TARGET_CNAME: {
    title: 'A mail server name is an alias (CNAME)',
    impact: "Mail standards do not allow an MX record to point to an alias, and the MTA-STS policy and the server's certificate must cover the alias name rather than its target.",
    fix: [
      'Change the MX record to point directly at the real host name of the mail server.',
      "Check that the MTA-STS policy and the server's certificate cover that name.",
    ],
  },
  MX_TARGET_IP_LITERAL: {
    title: 'A mail server is given as an IP address instead of a host name',
    impact: 'Mail standards require a host name here, and no MTA-STS policy or DANE record can cover an address, so mail to it gets no such protection.',
    fix: ['Give the mail server a host name with address records, and put that host name in the MX record.'],
  },
  MX_TARGET_NO_ADDRESS: {
    title: 'A mail server name does not resolve to an address',
    impact: 'Senders cannot reach this mail server, so delivery depends on the remaining ones.',
    fix: ["Publish address records for this mail server's host name, or remove it from the domain's MX records."],
  },
  MX_TARGET_LOOKUP_FAILED: {
    title: "DNS lookup of a mail server's address failed",
    impact: 'Senders that meet the same failure cannot reach this mail server, so delivery depends on the remaining ones.',
    fix: [
      "Ask the DNS provider of the mail server's host name why its address lookups fail or time out.",
      'Make every authoritative server answer for that name, then run the audit again.',
    ],
  },
  MX_TARGET_PRIVATE_ADDRESS: {
    title: 'A mail server has only private addresses',
    impact: 'Senders on the internet cannot reach a private address, so this mail server receives no mail from outside.',
    fix: ["Publish the public internet address of this mail server in DNS, or remove it from the domain's MX records if it is internal only."],
  },
  MX_NULL_MALFORMED: {
    title: 'Domain declares no mail, but its null MX record is malformed',
    impact: 'Senders either bounce mail at once or hold it until it expires, so the domain accepts no mail either way, as intended or not.',
    fix: [
      "If the domain should receive no mail, replace its MX records with exactly one record of preference 0 pointing to a single dot.",
      "If the domain should receive mail, replace them with MX records naming its real mail servers.",
    ],
  },
  MX_NO_USABLE_HOST: {
    title: 'No mail server has a usable public address',
    impact: "None of the domain's mail servers can be reached from the internet, so mail to the domain cannot be delivered at all.",
    fix: [
      "Give the mail servers listed in the domain's MX records public internet addresses in DNS.",
      'Otherwise point the MX records at mail servers that have them.',
    ],
  },

  // ── Encryption (STARTTLS) on each mail server ────────────────────────────────────────────────────────────
  STARTTLS_NOT_TESTED: {
    title: 'Encryption of the mail servers was not tested',
    impact: "The audit could not reach some or all of the mail servers' addresses on port 25 from its network, so nothing is known about their encryption there.",
    fix: ['The auditor runs the audit again from a network that allows outgoing connections on port 25, and over IPv6 if the servers have IPv6 addresses.'],
  },
  STARTTLS_OK: {
    title: 'Mail server offers encryption with a valid certificate',
    impact: 'This mail server offers encryption with TLS 1.2 or later and a trusted, current certificate that matches its name.',
    fix: [],
  },
  STARTTLS_CONNECT_FAILED: {
    title: 'A mail server address cannot be reached on port 25',
    impact: 'Senders cannot deliver through this address, so they must try others and mail to the domain may be delayed.',
    fix: [
      'Check the firewall and the mail service so this address accepts connections on port 25 from the internet.',
      "If the address is no longer used, remove it from the mail server's DNS records.",
    ],
  },
  STARTTLS_SMTP_ERROR: {
    title: 'A mail server rejects or drops the connection before encryption',
    impact: 'Senders cannot deliver through this address, so mail is delayed or goes to other mail servers.',
    fix: [
      "Check the mail server's logs and configuration for why it refuses or closes incoming sessions.",
      'Make sure it greets with a 220 reply and accepts the EHLO command from any sender.',
    ],
  },
  STARTTLS_NOT_OFFERED: {
    title: 'A mail server does not offer encryption (STARTTLS)',
    impact: 'Mail to this server travels unencrypted, and senders that require encryption through MTA-STS or DANE do not deliver to it.',
    fix: ["Enable STARTTLS on this mail server with a certificate from a publicly trusted authority that names the server's host name."],
  },
  STARTTLS_REJECTED: {
    title: 'A mail server offers encryption but then refuses it',
    impact: 'Encryption fails when senders ask for it, so they deliver unencrypted or, if they require encryption, not at all.',
    fix: ["Check the mail server's encryption settings and logs, in particular the paths to its private key and certificate files."],
  },
  STARTTLS_HANDSHAKE_FAILED: {
    title: 'Encryption handshake with a mail server fails',
    impact: 'Senders cannot set up encryption with this server, so they deliver unencrypted or, if they require encryption, not at all.',
    fix: [
      "Check the mail server's encryption settings and logs, including its certificate, key, TLS versions and ciphers.",
      'Enable TLS 1.2 and TLS 1.3 with current cipher settings.',
    ],
  },
  STARTTLS_TLS_OBSOLETE: {
    title: 'A mail server supports only outdated TLS versions',
    impact: 'Current senders refuse TLS versions older than 1.2, so they deliver without encryption or, under MTA-STS, not at all.',
    fix: ['Enable TLS 1.2 and TLS 1.3 on the mail server, updating its software if needed.'],
  },
  STARTTLS_CERT_UNTRUSTED: {
    title: "A mail server's certificate is not publicly trusted",
    impact: 'Senders that check certificates, such as those applying an MTA-STS policy, cannot authenticate this server, although this is normal when the server relies on DANE alone.',
    fix: [
      "If the domain uses or plans MTA-STS, install a certificate for the server's host name from a publicly trusted authority.",
      'Configure the server to send that certificate together with its intermediate certificates.',
    ],
  },
  STARTTLS_CHAIN_INCOMPLETE: {
    title: 'A mail server does not send its intermediate certificates',
    impact: 'Sending servers do not fetch missing intermediate certificates themselves, so those that check certificates, such as under MTA-STS, reject this one.',
    fix: ['Configure the mail server to send its certificate followed by the intermediate certificates, usually the full chain file from the certificate authority.'],
  },
  STARTTLS_CERT_EXPIRED: {
    title: "A mail server's certificate is expired or not yet valid",
    impact: 'Senders that check certificates, such as those applying MTA-STS, reject a certificate outside its validity dates and do not deliver to this server when the policy is enforced.',
    fix: ["Renew the mail server's certificate and install it.", DANE_KEY_CHANGE, ...CERT_RENEW],
  },
  STARTTLS_CERT_EXPIRING_SOON: {
    title: "A mail server's certificate expires within 14 days",
    impact: 'Once the certificate expires, senders that check certificates, such as those applying MTA-STS, will reject it.',
    fix: ["Renew the mail server's certificate now and install it.", DANE_KEY_CHANGE, ...CERT_RENEW],
  },
  STARTTLS_CERT_NAME_MISMATCH: {
    title: "A mail server's certificate does not match its host name",
    impact: 'Senders that check certificates, such as those applying MTA-STS, reject a certificate that does not name the server as written in the MX record.',
    fix: ["Get a certificate whose names include the mail server's host name exactly as written in the domain's MX record, and install it on the server."],
  },
  STARTTLS_CERT_CN_ONLY: {
    title: "A mail server's certificate has its name only in an outdated field",
    impact: "Senders applying MTA-STS look only at the certificate's alternative names, which this certificate lacks, so they reject it.",
    fix: [
      "Reissue the mail server's certificate with its host name in the subject alternative name field, as every public certificate authority does today.",
      'Install the new certificate on the mail server.',
    ],
  },
  STARTTLS_CERT_WEAK_KEY: {
    title: "A mail server's certificate uses a weak key or signature",
    impact: 'Current software refuses short keys and old signature algorithms such as SHA-1, so senders may fail to authenticate this server.',
    fix: [
      'Reissue the certificate with an RSA key of at least 2048 bits or an ECDSA P-256 key, signed with SHA-256.',
      'Install it together with current intermediate certificates.',
      DANE_KEY_CHANGE,
    ],
  },
  STARTTLS_SNI_DEPENDENT: {
    title: 'A mail server shows the right certificate only when asked by name',
    impact: 'Senders that do not name the server when starting encryption get a failed connection or a certificate that does not match.',
    fix: [
      'Configure the mail server so its default certificate, used when no name is requested, is valid for its host name.',
      'Make sure the server never requires the sender to request a name.',
    ],
  },
  STARTTLS_ADVERTISED_AFTER_TLS: {
    title: 'A mail server still offers encryption after it is switched on',
    impact: 'This breaks the mail standard and can confuse some sending software, although mail is normally still delivered.',
    fix: ['Update or reconfigure the mail server so it stops offering STARTTLS once the connection is encrypted.'],
  },
  STARTTLS_INCONSISTENT: {
    title: 'Addresses of one mail server differ in their encryption setup',
    impact: 'Senders reach one address or another at random, so delivery to this server works or fails depending on which one they hit.',
    fix: ['Give every address of this mail server (IPv4 and IPv6, and every node behind a load balancer) the same encryption settings and certificate.'],
  },
  STARTTLS_GREETING_SLOW: {
    title: 'A mail server greets too slowly to be checked',
    impact: 'The server did not send its welcome line within the time the audit waits, so its encryption was not checked; patient senders still deliver, impatient ones may give up.',
    fix: [
      'Make the mail server send its welcome line promptly, or exempt known senders from deliberate greeting delays.',
      'The auditor runs the audit again with a longer reply time-out to check the encryption of this server.',
    ],
  },
  STARTTLS_REQUIRETLS_ADVERTISED: {
    title: 'A mail server supports REQUIRETLS',
    impact: 'This mail server can accept messages whose sender demands encryption at every step of delivery.',
    fix: [],
  },

  // ── DANE (TLSA records) on each mail server ──────────────────────────────────────────────────────────────
  DANE_TLSA_ABSENT: {
    title: 'No DANE records for a mail server',
    impact: 'The mail server has no TLSA records, so DANE does not apply to it.',
    fix: [],
  },
  DANE_TLSA_SECURE: {
    title: 'A mail server publishes DNSSEC-signed DANE records',
    impact: "The mail server's TLSA records are DNSSEC-signed, so senders that support DANE use them.",
    fix: [],
  },
  DANE_TLSA_INSECURE: {
    title: 'DANE records are not DNSSEC-signed, so senders ignore them',
    impact: 'Senders use DANE records only when DNSSEC proves them genuine, so these records give no protection.',
    fix: [
      'Sign the DNS zone holding the TLSA records with DNSSEC and publish its DS record in the parent zone.',
      'Otherwise remove the TLSA records if DANE is not wanted.',
    ],
  },
  DANE_TLSA_LOOKUP_FAILED: {
    title: "DNS lookup of a mail server's DANE records failed",
    impact: 'Senders that support DANE treat this mail server as unreachable when its TLSA lookup fails, so they do not deliver to it.',
    fix: [
      "Make the DNSSEC-signed zone of the mail server's host name answer TLSA queries with either the records or a proper signed answer that none exist.",
      'Check with the DNS provider that it supports TLSA records, then run the audit again.',
    ],
  },
  DANE_TLSA_PKIX_USAGE: {
    title: 'DANE records use types not meant for mail servers',
    impact: 'Records of certificate usage 0 or 1 are not meant for mail, and senders may treat them as unusable, so they may give no protection.',
    fix: ["Replace these TLSA records with records of type 3 1 1, which match the server's own public key, or 2 0 1, which match its issuing authority's certificate."],
  },
  DANE_TLSA_RECORD_UNUSABLE: {
    title: 'A DANE record is malformed or unusable',
    impact: 'Senders ignore this record, so it adds no protection and may hide a mistake in the DANE setup.',
    fix: ["Correct or delete the unusable TLSA record, for example by publishing a 3 1 1 record generated from the server's current key."],
  },
  DANE_TLSA_ALL_UNUSABLE: {
    title: 'All DANE records of a mail server are unusable',
    impact: 'Senders that support DANE still encrypt mail to this server but cannot check its certificate, so an attacker on the network path could impersonate it.',
    fix: [
      "Publish a usable TLSA record of type 3 1 1 generated from the mail server's current public key.",
      'Remove the unusable TLSA records.',
    ],
  },
  DANE_STARTTLS_MISSING: {
    title: 'A mail server has DANE records but no working encryption',
    impact: 'Senders that support DANE require encryption with this server, so they do not deliver to it.',
    fix: [
      'Restore encryption (STARTTLS) on the mail server.',
      "If encryption must stay off, remove the server's TLSA records first and wait for their DNS lifetime (TTL) to pass.",
    ],
  },
  DANE_TLSA_NO_MATCH: {
    title: "DANE records do not match the mail server's certificate",
    impact: 'Senders that support DANE reject the certificate, so they do not deliver to this mail server.',
    fix: [
      'Publish a TLSA record of type 3 1 1 generated from the key the mail server uses now.',
      'Before future certificate changes, publish the record for the new key in advance, at least twice the DNS lifetime (TTL) ahead.',
    ],
  },
  DANE_TA_NOT_IN_CHAIN: {
    title: 'Mail server omits the authority certificate named in its DANE record',
    impact: 'Senders that support DANE cannot match the record without that certificate, so they do not deliver to this mail server.',
    fix: [
      'Configure the mail server to send its full certificate chain, including the authority certificate the TLSA record names.',
      "Alternatively publish a TLSA record of type 3 1 1 for the server's own key.",
    ],
  },
  DANE_TA_NAME_MISMATCH: {
    title: "A mail server's certificate fails the DANE name check",
    impact: "Senders that support DANE reject a certificate that does not carry the mail server's name, so they do not deliver to it.",
    fix: ["Issue the mail server's certificate for its host name exactly as written in the domain's MX record, and install it."],
  },
  DANE_TLSA_MATCH: {
    title: "DANE record matches the mail server's certificate",
    impact: "The mail server's certificate matches its DANE record, so senders that support DANE can authenticate it.",
    fix: [],
  },
  DANE_ALL_MX_FAIL: {
    title: 'No mail server passes DANE, so DANE senders cannot deliver',
    impact: "Senders that validate DANE cannot deliver to any of the domain's mail servers, so they hold its mail and eventually bounce it.",
    fix: [
      "Correct the TLSA records or the mail servers at once, using each server's own DANE finding to see what fails.",
      'If the records cannot be corrected quickly, remove them, so senders return to ordinary delivery once their DNS lifetime (TTL) has passed.',
    ],
  },
  DANE_ROLLOVER_INCONSISTENT: {
    title: 'Stale DANE records do not match the current certificate',
    impact: 'Some senders use only the strongest kind of record present, so a stale record can make them reject the mail server even though another record matches.',
    fix: [
      'Remove the TLSA records that match no certificate the server uses, or replace them with records for its current key.',
      'Keep every kind of TLSA record that is published matching the live certificate.',
    ],
  },
  DANE_PARAMS_DISCOURAGED: {
    title: 'DANE records use discouraged settings',
    impact: 'The records work today but use settings that are fragile or poorly supported, which makes future certificate changes riskier.',
    fix: ["At the next key change, switch the TLSA records to type 3 1 1 (the server's public key, SHA-256), or 2 0 1 for an authority certificate."],
  },
  DANE_MX_INSECURE: {
    title: 'MX records are not DNSSEC-signed, which weakens DANE',
    impact: 'Senders may skip DANE because the list of mail servers itself is not signed, so an attacker who forges that list can avoid the protection.',
    fix: ["Sign the domain's DNS zone with DNSSEC and publish its DS record at the domain registrar."],
  },
  DANE_ADDRESS_INSECURE: {
    title: "A mail server's address is not DNSSEC-signed, so DANE is ignored",
    impact: "Senders do not even look up the TLSA records when the server's address records are unsigned, so DANE gives no protection.",
    fix: ["Sign the DNS zone that holds the mail server's address records with DNSSEC and publish its DS record in the parent zone."],
  },
  DANE_PARTIAL: {
    title: 'Only some mail servers are protected by DANE',
    impact: 'Mail delivered through the servers without DANE records is protected only by opportunistic encryption, which an attacker can strip.',
    fix: ["Publish TLSA records of type 3 1 1 for every mail server listed in the domain's MX records, in DNSSEC-signed zones."],
  },
  DANE_EE_CERT_EXPIRED: {
    title: 'DANE accepts an expired or self-signed mail server certificate',
    impact: 'Senders that use DANE accept this certificate, but senders applying an enforced MTA-STS policy or checking certificates the usual way reject it.',
    fix: [
      'If the domain also publishes MTA-STS, install a current certificate from a publicly trusted authority on this mail server.',
      'If that certificate uses a new key, publish a TLSA record for the new key before installing it, since the current record matches the old one.',
    ],
  },
  DANE_MTASTS_CONFLICT: {
    title: 'DANE and MTA-STS disagree about a mail server',
    impact: "Senders differ on which check wins, so whether they deliver to this mail server depends on the sender's software.",
    fix: [
      'Make the mail server pass both checks: list it in the MTA-STS policy, give it a publicly trusted certificate naming its host name, and keep a TLSA record matching its key.',
    ],
  },

  // ── DNSSEC ───────────────────────────────────────────────────────────────────────────────────────────────
  DNSSEC_RESOLVER_NOT_VALIDATING: {
    title: "The audit's DNS resolver does not check DNSSEC",
    impact: 'DNSSEC and DANE could not be tested in this audit, so their results are missing rather than failed.',
    fix: ['The auditor points the audit at a DNS resolver that validates DNSSEC, over a trusted network path, and runs it again.'],
  },
  DNSSEC_SIGNED: {
    title: "Domain's mail server records are DNSSEC-signed",
    impact: "The domain's MX records are protected by DNSSEC, so senders can trust the list of mail servers.",
    fix: [],
  },
  DNSSEC_UNSIGNED: {
    title: "Domain's mail server records are not DNSSEC-signed",
    impact: "The domain's MX records are not protected by DNSSEC, so senders cannot verify the list of mail servers and DANE protection is weaker.",
    fix: ["If DANE is wanted, sign the domain's DNS zone with DNSSEC and publish its DS record at the domain registrar."],
  },
  DNSSEC_BOGUS: {
    title: "DNSSEC validation fails for the domain's mail records",
    impact: 'Senders whose DNS resolvers validate DNSSEC get no answer for these records, so they hold and eventually bounce mail to the affected servers, or to the whole domain when its MX records fail.',
    fix: [
      'Fix the DNSSEC signatures and DS record of the affected zone now, with the DNS provider and the domain registrar.',
      'If they cannot be fixed quickly, remove the DS record at the registrar so the zone is treated as unsigned until it is repaired.',
    ],
  },

  // ── The audit itself ─────────────────────────────────────────────────────────────────────────────────────
  DNSSEC_RESOLVER_UNKNOWN: {
    title: 'Could not tell whether the audit resolver checks DNSSEC',
    impact: 'The audit could not confirm that its DNS resolver validates signatures, so DNSSEC and DANE were not judged for this domain.',
    fix: [
      "The auditor sets the DNSSEC control name to a signed zone the resolver can reach, then audits again.",
    ],
  },
  AUDIT_DOMAIN_INVALID: {
    title: 'Entry in the list is not a valid domain name',
    impact: 'The audit could not check this entry because it is not a valid domain name, so its mail security is unknown.',
    fix: ['Correct the domain in the imported list and run the audit again.'],
  },
  AUDIT_INTERNAL_ERROR: {
    title: 'The audit of this domain stopped on an internal error',
    impact: 'The audit could not finish for this domain, so its results are incomplete, while the other domains were not affected.',
    fix: [
      'The auditor runs the audit for this domain again.',
      "If the error persists, report it to the tool's maintainers with the error message.",
    ],
  },
} satisfies Record<FindingCode, PlainText>;

/** The client-facing text of a code; throws for a code without an entry (the test names any such code). */
export function plainText(code: FindingCode): PlainText {
  const entry: PlainText | undefined = Object.hasOwn(PLAIN_TEXT, code) ? PLAIN_TEXT[code] : undefined;
  if (!entry) throw new Error(`no plain-language text for finding code ${code}: add it to shared/plain-language.ts`);
  return entry;
}
