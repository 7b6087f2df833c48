/**
 * The `_mta-sts.<d>` TXT record (RFC 8461 §3.1): lookup, selection and strict parsing, plus the
 * misplacement hints a consultant needs (record at the apex, parent-only record). A plan (evidence/asking.ts):
 * collected against the resolver, judged again from the recorded answers.
 */
import { getDomain } from 'tldts';
import type { DnsAnswer, Finding } from '../../../shared/types';
import type { DnsLookup } from '../net/dns';
import { parseStsRecords, type StsRecordParse } from '../parse/sts-record';
import { describeOutcome, finding, fromParser } from '../finding';
import { isLookupFailure } from '../net/dns-answers';
import { collectAnswers, question, type Asking } from '../evidence/asking';

export interface StsRecordCheck {
  answer: DnsAnswer;
  lookupFailed: boolean;
  parse: StsRecordParse;
  findings: Finding[];
  extraAnswers: DnsAnswer[];
}

/** Each RR's character-strings joined without separator (RFC 8461 §3.1; RFC 7208 §3.3 style). */
export function joinedTexts(a: DnsAnswer): string[] {
  return a.records.flatMap((r) => (r.type === 'TXT' ? [r.strings.join('')] : []));
}

const STS_PREFIX = /^v=STSv1/;

/** Collects the record (and, without one, the misplacement hints) and judges it: collect + judge. */
export async function collectStsRecord(domain: string, dns: DnsLookup): Promise<StsRecordCheck> {
  return (await collectAnswers(stsRecordPlan(domain), dns)).value;
}

/** The plan (evidence/asking.ts): the record, then, when there is none, where a misplaced one might be. */
export function* stsRecordPlan(domain: string): Asking<StsRecordCheck> {
  const [answer] = yield [question(`_mta-sts.${domain}`, 'TXT')];
  const out: StsRecordCheck = { answer: answer!, lookupFailed: false, parse: parseStsRecords([]), findings: [], extraAnswers: [] };
  if (isLookupFailure(answer!)) {
    out.lookupFailed = true;
    out.findings.push(finding('MTASTS_DNS_LOOKUP_FAILED', `TXT query for _mta-sts.${domain} ended in ${describeOutcome(answer!.outcome)}${answer!.error ? `: ${answer!.error}` : ''}`));
    return out;
  }
  out.parse = parseStsRecords(joinedTexts(answer!));
  for (const f of out.parse.findings) {
    if (f.code === 'MTASTS_DNS_RECORD_MISSING') {
      out.findings.push(finding(f.code, `_mta-sts.${domain}: ${describeOutcome(answer!.outcome)}${answer!.records.length ? `; ${answer!.records.length} TXT record(s), none STS-like` : ''}`));
    } else out.findings.push(fromParser(f));
  }
  if (out.parse.stsLikeCount === 0) yield* misplacedRecordHints(domain, out);
  return out;
}

/** Where a misplaced record might be (RFC 8461 §3.1, §3.4): asked in one round, all at once. */
function* misplacedRecordHints(domain: string, out: StsRecordCheck): Asking<void> {
  const ancestors = ancestorsUpToRegistrable(domain);
  const [apex, host, ...parents] = yield [question(domain, 'TXT'), question(`mta-sts.${domain}`, 'TXT'), ...ancestors.map((a) => question(`_mta-sts.${a}`, 'TXT'))];
  out.extraAnswers.push(apex!, host!, ...parents);
  const misplaced = [apex!, host!].find((a) => joinedTexts(a).some((t) => STS_PREFIX.test(t)));
  if (misplaced) out.findings.push(finding('MTASTS_DNS_RECORD_AT_APEX', `a v=STSv1 TXT record exists at ${misplaced.name} instead of _mta-sts.${domain}`));
  // RFC 8461 §3.4: senders never fall back to a parent zone; say so when a parent has a record.
  const parent = parents.find((a) => joinedTexts(a).some((t) => STS_PREFIX.test(t)));
  if (parent) out.findings.push(finding('MTASTS_DNS_PARENT_ONLY', `${parent.name} has an MTA-STS record but ${domain} has none; senders do not inherit it`));
}

/** The parent names of `domain` down to its registrable domain (Public Suffix List), nearest first. */
function ancestorsUpToRegistrable(domain: string): string[] {
  const registrable = getDomain(domain, { allowPrivateDomains: false });
  if (!registrable || registrable === domain) return [];
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 1; i < labels.length; i++) {
    const candidate = labels.slice(i).join('.');
    out.push(candidate);
    if (candidate === registrable) break;
  }
  return out;
}
