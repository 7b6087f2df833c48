/**
 * Scope and method: which checks ran, against what, from where and with which settings, and what was not
 * tested and why, so a reader can tell a clean result from an untested one.
 */
import { domainsWithCode, type Census } from '../report/census';
import { settingsRows } from '../report/evidence-text';
import type { ReportRun } from '../report/source';
import { SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';

const CHECKS: [string, string, string][] = [
  ['MX and null MX', 'The MX RRset of each domain (implicit MX through A/AAAA when there is none, null MX as "accepts no mail") and the addresses of every MX host.', 'RFC 5321 section 5.1; RFC 7505'],
  ['MTA-STS record', 'The TXT record at _mta-sts.<domain>, CNAMEs followed, parsed with the strict grammar: version first, one record, a valid id.', 'RFC 8461 section 3.1'],
  ['Policy fetch', 'https://mta-sts.<domain>/.well-known/mta-sts.txt fetched as a strict first-contact sender would: SNI, a certificate valid for the host and trusted by the public roots, no redirects, status 200 only, text/plain, at most 64 KiB, within 60 seconds.', 'RFC 8461 section 3.3'],
  ['Policy grammar', 'The policy file parsed strictly: field names and case, version, mode, max_age range, mx patterns, line ends, blank lines, control characters.', 'RFC 8461 section 3.2'],
  ['MX coverage', 'Each MX host matched against the policy mx patterns (one-label wildcards only); in enforce mode an uncovered MX is unreachable for compliant senders.', 'RFC 8461 section 4.1'],
  ['TLS reporting', 'The TXT record at _smtp._tls.<domain>: one v=TLSRPTv1 record, its syntax and usable rua destinations.', 'RFC 8460 section 3'],
  ['STARTTLS and certificates', 'Port 25 of every MX address: greeting, EHLO, STARTTLS, the negotiated TLS version and cipher, the certificate chain against the trust store, the SAN against the MX name, validity, key strength, behaviour without SNI.', 'RFC 3207; RFC 8461 section 4.2'],
  ['DANE and DNSSEC', 'TLSA records at _25._tcp.<mx host>, their DNSSEC status from the resolver\'s AD bit, their usability, and whether they match the certificate each MX presented.', 'RFC 7672; RFC 6698'],
  ['Change since last audit', 'When an earlier audit of the same estate exists: policies changed without a new id, and policies removed without the mode none step.', 'RFC 8461 section 3.1, section 8.3'],
];

function notTested(run: ReportRun, c: Census): string[] {
  const out: string[] = [];
  if (run.settings?.smtpProbes === false) {
    out.push('SMTP probes were disabled in the audit settings: STARTTLS, the MX certificates and the DANE match were not tested for any domain, and no transport defect is inferred.');
  }
  for (const [reason, n] of c.smtpNotTested) out.push(`STARTTLS not tested for ${n} domain(s): ${reason}.`);
  const noDnssec = domainsWithCode(c, 'DNSSEC_RESOLVER_NOT_VALIDATING');
  if (noDnssec > 0) out.push(`The resolver did not validate DNSSEC for ${noDnssec} domain(s): DNSSEC and DANE results for them are reported as not tested.`);
  const unknownDnssec = domainsWithCode(c, 'DNSSEC_RESOLVER_UNKNOWN');
  if (unknownDnssec > 0) out.push(`For ${unknownDnssec} domain(s) the DNSSEC control query got no answer and no answer was signed, so it is unknown whether the resolver validates: DNSSEC and DANE results for them are reported as not tested.`);
  const slowGreeting = domainsWithCode(c, 'STARTTLS_GREETING_SLOW');
  if (slowGreeting > 0) out.push(`${slowGreeting} domain(s) have an MX that did not greet within the SMTP reply time-out: senders wait up to 5 minutes, so those MX were not judged.`);
  if (c.imported > c.audited) out.push(`${c.imported - c.audited} imported domain(s) were not audited: the run is ${run.state}.`);
  if (c.failed > 0) out.push(`${c.failed} domain(s) could not be assessed (posture error: a lookup failed or the input is not a domain name); see their findings.`);
  out.push('The audit observes what a sender sees at the time of the audit. It sends no mail and does not test the estate\'s outbound (sending) servers or senders\' policy caches. What senders experienced comes only from the TLS-RPT reports imported, when there are any (their own section).');
  return out;
}

export function drawScope(pdf: ReportPdf, run: ReportRun, census: Census): void {
  pdf.section('Scope and method', 'scope');
  pdf.paragraph(
    `${census.imported} domain(s) were imported into this audit and ${census.audited} were audited. Every check below ran from the auditor's ` +
    `network, with DNS answers taken from ${run.resolver}. Each finding carries a code from the tool's published catalogue, with a ` +
    'fixed severity: critical (compliant senders cannot deliver), high (a published protection is not applied, or delivery fails ' +
    'for part of the MX set), medium, low, and info (a fact for the record).',
  );
  pdf.heading('What was checked', 2);
  const table = new PdfTable(pdf, [{ header: 'Check', share: 0.2, role: 'bold' }, { header: 'How', share: 0.6 }, { header: 'Reference', share: 0.2 }]);
  for (const [name, how, ref] of CHECKS) table.row({ cells: [name, how, ref] });
  table.end();
  pdf.heading('Settings used', 2);
  pdf.keyValues(settingsRows(run.settings).map(([label, value]) => [label, String(value)]), 190, SIZE.small + 0.5);
  pdf.heading('What was not tested, and why', 2);
  for (const line of notTested(run, census)) pdf.paragraph(`•  ${line}`, { gap: 3 });
}
