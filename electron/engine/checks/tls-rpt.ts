/**
 * TLS reporting (RFC 8460 §3): the `_smtp._tls.<d>` record, its rua destinations and whether they can
 * actually receive reports. A plan (evidence/asking.ts): collected against the resolver, judged again from
 * the recorded answers.
 */
import type { DnsAnswer, Finding } from '../../../shared/types';
import type { DnsLookup } from '../net/dns';
import { parseTlsRptRecords, type TlsRptParse } from '../parse/tlsrpt-record';
import { describeOutcome, finding, fromParser } from '../finding';
import { addressQuestions } from './mx-resolve';
import { addressesOf, isLookupFailure } from '../net/dns-answers';
import { collectAnswers, question, type Asking } from '../evidence/asking';
import { joinedTexts } from './sts-record';

export interface TlsRptCheck {
  parse: TlsRptParse;
  lookupFailed: boolean;
  answers: DnsAnswer[];
  findings: Finding[];
}

const TLSRPT_PREFIX = /^v=TLSRPTv1/;

/** Collects the record, its hints or its destinations, and judges them: collect + judge. */
export async function collectTlsRpt(domain: string, dns: DnsLookup): Promise<TlsRptCheck> {
  return (await collectAnswers(tlsRptPlan(domain), dns)).value;
}

/** The plan (evidence/asking.ts): the record, then the hints (none found) or the rua destinations. */
export function* tlsRptPlan(domain: string): Asking<TlsRptCheck> {
  const [answer] = yield [question(`_smtp._tls.${domain}`, 'TXT')];
  const out: TlsRptCheck = { parse: parseTlsRptRecords([], domain), lookupFailed: false, answers: [answer!], findings: [] };
  if (isLookupFailure(answer!)) {
    out.lookupFailed = true;
    out.findings.push(finding('TLSRPT_LOOKUP_FAILED', `TXT query for _smtp._tls.${domain} ended in ${describeOutcome(answer!.outcome)}`));
    return out;
  }
  out.parse = parseTlsRptRecords(joinedTexts(answer!), domain);
  out.findings.push(...out.parse.findings.map((f) => fromParser(f)));
  if (!out.parse.present) yield* wrongLocationHint(domain, out);
  if (out.parse.present) out.findings.push(...(yield* destinationFindings(out.parse, out.answers)));
  return out;
}

function* wrongLocationHint(domain: string, out: TlsRptCheck): Asking<void> {
  const [apex, draft] = yield [question(domain, 'TXT'), question(`_smtp-tlsrpt.${domain}`, 'TXT')];
  out.answers.push(apex!, draft!);
  const found = [apex!, draft!].find((a) => joinedTexts(a).some((t) => TLSRPT_PREFIX.test(t)));
  if (found) out.findings.push(finding('TLSRPT_WRONG_LOCATION', `a v=TLSRPTv1 record exists at ${found.name} instead of _smtp._tls.${domain}`));
}

type Destination = { uri: string } & ({ mailDomain: string } | { host: string });

/**
 * A report mailbox must be at a domain that accepts mail; an https endpoint must resolve (RFC 8460 §3, §5.4).
 * Two rounds: every mail domain's MX and every https host's addresses at once, then the addresses of the mail
 * domains without MX (the implicit MX, RFC 5321 §5.1).
 */
function* destinationFindings(parse: TlsRptParse, answers: DnsAnswer[]): Asking<Finding[]> {
  const targets: Destination[] = parse.rua.filter((r) => r.usable).flatMap((r): Destination[] => {
    if (r.scheme === 'mailto' && r.mailbox) return [{ uri: r.uri, mailDomain: r.mailbox.slice(r.mailbox.lastIndexOf('@') + 1).toLowerCase() }];
    if (r.scheme === 'https' && r.host) return [{ uri: r.uri, host: r.host }];
    return [];
  });
  const first = yield targets.flatMap((t) => ('mailDomain' in t ? [question(t.mailDomain, 'MX')] : addressQuestions(t.host)));
  answers.push(...first);
  let i = 0;
  const round1 = targets.map((t) => ('mailDomain' in t ? { t, mx: first[i++]! } : { t, a: first[i++]!, aaaa: first[i++]! }));
  // RFC 5321 §5.1: a mail domain without MX (NODATA) receives at its own address.
  const implicit = round1.filter((r) => r.mx?.outcome === 'nodata');
  const second = yield implicit.flatMap((r) => addressQuestions((r.t as { mailDomain: string }).mailDomain));
  answers.push(...second);
  const out: Finding[] = [];
  for (const r of round1) {
    if (r.mx) {
      const j = implicit.indexOf(r);
      const why = mailDomainProblem((r.t as { mailDomain: string }).mailDomain, r.mx, j < 0 ? undefined : [second[2 * j]!, second[2 * j + 1]!]);
      if (why) out.push(finding('TLSRPT_RUA_MAILTO_UNDELIVERABLE', `${r.t.uri}: ${why}`, { subject: r.t.uri }));
    } else if (addressesOf(r.a!, r.aaaa!).length === 0) {
      out.push(finding('TLSRPT_RUA_HTTPS_UNRESOLVABLE', `${(r.t as { host: string }).host} has no A/AAAA (${describeOutcome(r.a!.outcome)})`, { subject: r.t.uri }));
    }
  }
  return out;
}

function mailDomainProblem(mailDomain: string, mx: DnsAnswer, implicit: [DnsAnswer, DnsAnswer] | undefined): string | undefined {
  if (mx.outcome === 'nxdomain') return `${mailDomain} does not exist (NXDOMAIN)`;
  const exchanges = mx.records.flatMap((r) => (r.type === 'MX' ? [r.exchange] : []));
  if (exchanges.length > 0 && exchanges.every((e) => e === '' || e === '.')) return `${mailDomain} publishes a null MX`;
  if (!implicit) return undefined;
  const [a, aaaa] = implicit;
  return addressesOf(a, aaaa).length === 0 && !isLookupFailure(a) ? `${mailDomain} has neither MX nor address records` : undefined;
}
