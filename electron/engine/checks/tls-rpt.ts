/**
 * TLS reporting (RFC 8460 §3): the `_smtp._tls.<d>` record, its rua destinations and whether they can
 * actually receive reports.
 */
import type { DnsAnswer, Finding } from '../../../shared/types';
import type { DnsLookup } from '../net/dns';
import { parseTlsRptRecords, type TlsRptParse } from '../parse/tlsrpt-record';
import { describeOutcome, finding, fromParser } from '../finding';
import { isLookupFailure, lookupAddresses } from './mx-resolve';
import { joinedTexts } from './sts-record';

export interface TlsRptCheck {
  parse: TlsRptParse;
  lookupFailed: boolean;
  answers: DnsAnswer[];
  findings: Finding[];
}

const TLSRPT_PREFIX = /^v=TLSRPTv1/;

export async function checkTlsRpt(domain: string, dns: DnsLookup): Promise<TlsRptCheck> {
  const answer = await dns.query(`_smtp._tls.${domain}`, 'TXT');
  const out: TlsRptCheck = { parse: parseTlsRptRecords([], domain), lookupFailed: false, answers: [answer], findings: [] };
  if (isLookupFailure(answer)) {
    out.lookupFailed = true;
    out.findings.push(finding('TLSRPT_LOOKUP_FAILED', `TXT query for _smtp._tls.${domain} ended in ${describeOutcome(answer.outcome)}`));
    return out;
  }
  out.parse = parseTlsRptRecords(joinedTexts(answer), domain);
  out.findings.push(...out.parse.findings.map((f) => fromParser(f)));
  if (!out.parse.present) await wrongLocationHint(domain, dns, out);
  if (out.parse.present) out.findings.push(...(await destinationFindings(out.parse, dns, out.answers)));
  return out;
}

async function wrongLocationHint(domain: string, dns: DnsLookup, out: TlsRptCheck): Promise<void> {
  const [apex, draft] = await Promise.all([dns.query(domain, 'TXT'), dns.query(`_smtp-tlsrpt.${domain}`, 'TXT')]);
  out.answers.push(apex, draft);
  const found = [apex, draft].find((a) => joinedTexts(a).some((t) => TLSRPT_PREFIX.test(t)));
  if (found) out.findings.push(finding('TLSRPT_WRONG_LOCATION', `a v=TLSRPTv1 record exists at ${found.name} instead of _smtp._tls.${domain}`));
}

/** A report mailbox must be at a domain that accepts mail; an https endpoint must resolve (RFC 8460 §3, §5.4). */
async function destinationFindings(parse: TlsRptParse, dns: DnsLookup, answers: DnsAnswer[]): Promise<Finding[]> {
  const checks = parse.rua.filter((r) => r.usable).map(async (r): Promise<Finding | undefined> => {
    if (r.scheme === 'mailto' && r.mailbox) {
      const mailDomain = r.mailbox.slice(r.mailbox.lastIndexOf('@') + 1).toLowerCase();
      const why = await mailDomainProblem(mailDomain, dns, answers);
      return why ? finding('TLSRPT_RUA_MAILTO_UNDELIVERABLE', `${r.uri}: ${why}`, { subject: r.uri }) : undefined;
    }
    if (r.scheme === 'https' && r.host) {
      const { a, aaaa, addresses } = await lookupAddresses(dns, r.host);
      answers.push(a, aaaa);
      return addresses.length === 0 ? finding('TLSRPT_RUA_HTTPS_UNRESOLVABLE', `${r.host} has no A/AAAA (${describeOutcome(a.outcome)})`, { subject: r.uri }) : undefined;
    }
    return undefined;
  });
  return (await Promise.all(checks)).filter((f): f is Finding => !!f);
}

async function mailDomainProblem(mailDomain: string, dns: DnsLookup, answers: DnsAnswer[]): Promise<string | undefined> {
  const mx = await dns.query(mailDomain, 'MX');
  answers.push(mx);
  if (mx.outcome === 'nxdomain') return `${mailDomain} does not exist (NXDOMAIN)`;
  const exchanges = mx.records.flatMap((r) => (r.type === 'MX' ? [r.exchange] : []));
  if (exchanges.length > 0 && exchanges.every((e) => e === '' || e === '.')) return `${mailDomain} publishes a null MX`;
  if (mx.outcome !== 'nodata') return undefined;
  const { a, aaaa, addresses } = await lookupAddresses(dns, mailDomain);
  answers.push(a, aaaa);
  return addresses.length === 0 && !isLookupFailure(a) ? `${mailDomain} has neither MX nor address records` : undefined;
}
