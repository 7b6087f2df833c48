/**
 * Does the domain receive mail, and where? MX RRset (RFC 5321 §5.1), null MX (RFC 7505), implicit MX,
 * and the addresses of every MX host. Written as a plan (evidence/asking.ts): collected against the resolver,
 * judged again from the recorded answers.
 */
import type { DnsAnswer, Finding, MxHostResult, MxKind } from '../../../shared/types';
import type { DnsLookup } from '../net/dns';
import type { AddressFilter } from '../net/address-guard';
import { isIpLiteral } from '../parse/domain-name';
import { addressesOf, isBogus, isLookupFailure } from '../net/dns-answers';
import { describeOutcome, finding } from '../finding';
import { collectAnswers, question, type Asking, type Question } from '../evidence/asking';

export interface MxResolution {
  kind: MxKind;
  hosts: MxHostResult[];
  findings: Finding[];
  answers: DnsAnswer[];
  /** The MX RRset was DNSSEC-secure (AD). */
  mxSecure: boolean;
  /** Per host: was the first address answer secure (RFC 7672 §2.2.2). */
  addressSecure: Map<string, boolean>;
}


/** A and AAAA of `name`, as one batch of a plan. */
export function addressQuestions(name: string): Question[] {
  return [question(name, 'A'), question(name, 'AAAA')];
}


/** Drives mxPlan against the resolver: collects the MX answer and the address answers it leads to, with the plan's verdict. */
export async function collectMx(domain: string, dns: DnsLookup, allowed: AddressFilter): Promise<MxResolution> {
  return (await collectAnswers(mxPlan(domain, allowed), dns)).value;
}

/** The MX plan (collect and judge, see evidence/asking.ts): the MX RRset, then the addresses of every MX host at once. */
export function* mxPlan(domain: string, allowed: AddressFilter): Asking<MxResolution> {
  const [answer] = yield [question(domain, 'MX')];
  const res: MxResolution = { kind: 'explicit', hosts: [], findings: [], answers: [answer!], mxSecure: answer!.authenticated, addressSecure: new Map() };
  if (isLookupFailure(answer!)) {
    res.kind = 'error';
    res.findings.push(finding('MX_LOOKUP_FAILED', `MX query for ${domain} ended in ${describeOutcome(answer!.outcome)}${answer!.error ? `: ${answer!.error}` : ''}`));
    if (isBogus(answer!)) res.findings.push(finding('DNSSEC_BOGUS', `MX RRset of ${domain} failed DNSSEC validation (${answer!.ede !== undefined ? `Extended DNS Error ${answer!.ede}` : 'answered only with CD=1'})`));
    return res;
  }
  if (answer!.outcome === 'nxdomain') {
    res.kind = 'nxdomain';
    res.findings.push(finding('MX_DOMAIN_NXDOMAIN', `${domain} does not exist (NXDOMAIN)`));
    return res;
  }
  if (answer!.outcome === 'nodata') {
    const [a, aaaa] = yield addressQuestions(domain);
    return implicitMx(domain, a!, aaaa!, allowed, res);
  }
  const mx = answer!.records.flatMap((r) => (r.type === 'MX' ? [r] : []));
  const isNull = (r: { exchange: string }) => r.exchange === '' || r.exchange === '.';
  const nulls = mx.filter(isNull);
  if (nulls.length > 0 && nulls.length === mx.length) {
    res.kind = 'null';
    // RFC 7505 §3: a null MX is one record, preference 0, exchange ".". Anything else made only of "." still
    // receives no mail (no sender finds an address for "."), but it is not the null MX the RFC defines.
    const conforming = mx.length === 1 && mx[0]!.preference === 0;
    res.findings.push(conforming
      ? finding('MX_NULL', `${domain} publishes a null MX: it accepts no mail`)
      : finding('MX_NULL_MALFORMED', `${domain} publishes ${mx.map((r) => `"MX ${r.preference} ."`).join(', ')} instead of exactly one "MX 0 .": it accepts no mail`));
    return res;
  }
  if (nulls.length > 0) res.findings.push(finding('MX_NULL_MIXED', `a null MX sits next to ${mx.length - nulls.length} other MX record(s)`));
  const real = mx.filter((r) => !isNull(r)).sort((x, y) => x.preference - y.preference || x.exchange.localeCompare(y.exchange))
    .map((r) => ({ host: r.exchange.toLowerCase().replace(/\.$/, ''), preference: r.preference }));
  // Every host name's addresses in one batch (in parallel when collecting); IP literals are not looked up.
  const named = real.filter((r) => !isIpLiteral(r.host));
  const got = yield named.flatMap((r) => addressQuestions(r.host));
  let i = 0;
  res.hosts = real.map((r) => {
    if (isIpLiteral(r.host)) return ipLiteralHost(r.host, r.preference, res);
    const [a, aaaa] = [got[i]!, got[i + 1]!];
    i += 2;
    return resolveHost(r.host, r.preference, a, aaaa, allowed, res);
  });
  if (!res.hosts.some((h) => h.addresses.length > 0)) {
    res.findings.push(finding('MX_NO_USABLE_HOST', `none of the ${real.length} MX host(s) has a usable address`));
  }
  return res;
}

function implicitMx(domain: string, a: DnsAnswer, aaaa: DnsAnswer, allowed: AddressFilter, res: MxResolution): MxResolution {
  const addresses = addressesOf(a, aaaa);
  res.answers.push(a, aaaa);
  const failed = [a, aaaa].find(isLookupFailure);
  if (addresses.length === 0 && failed) {
    // Without MX, the address records decide whether the domain receives mail (RFC 5321 §5.1); a failed
    // lookup leaves that unknown, which is an error, not "receives no mail".
    res.kind = 'error';
    res.findings.push(finding('MX_LOOKUP_FAILED', `${domain} has no MX, and its address lookup (the implicit MX) ended in ${describeOutcome(failed.outcome)}${failed.error ? `: ${failed.error}` : ''}`));
    if (isBogus(failed)) res.findings.push(finding('DNSSEC_BOGUS', `address records of ${domain} failed DNSSEC validation`));
    return res;
  }
  if (addresses.length === 0) {
    res.kind = 'none';
    res.findings.push(finding('MX_NONE_NO_ADDRESS', `${domain} has no MX and no A/AAAA records`));
    return res;
  }
  res.kind = 'implicit';
  res.findings.push(finding('MX_NONE_IMPLICIT', `${domain} has no MX; mail goes to its own address (${addresses.join(', ')})`));
  res.addressSecure.set(domain, a.authenticated);
  res.hosts = [{ host: domain, preference: 0, addresses: addresses.filter(allowed), probes: [] }];
  return res;
}

function ipLiteralHost(host: string, preference: number, res: MxResolution): MxHostResult {
  res.findings.push(finding('MX_TARGET_IP_LITERAL', `MX exchange ${host} is an IP address written as a name`, { subject: host }));
  return { host, preference, addresses: [], probes: [] };
}

function resolveHost(host: string, preference: number, a: DnsAnswer, aaaa: DnsAnswer, allowed: AddressFilter, res: MxResolution): MxHostResult {
  const result: MxHostResult = { host, preference, addresses: [], probes: [] };
  const addresses = addressesOf(a, aaaa);
  res.answers.push(a, aaaa);
  res.addressSecure.set(host, a.records.length > 0 ? a.authenticated : aaaa.authenticated);
  const chain = a.cnames.length > 0 ? a.cnames : aaaa.cnames;
  const last = chain.at(-1);
  if (last?.type === 'CNAME') {
    result.cnameTarget = last.target;
    res.findings.push(finding('MX_TARGET_CNAME', `MX host ${host} is an alias for ${last.target}`, { subject: host }));
  }
  if (addresses.length === 0) {
    const failed = [a, aaaa].find(isLookupFailure);
    if (failed) res.findings.push(finding('MX_TARGET_LOOKUP_FAILED', `address lookup of ${host} ended in ${describeOutcome(failed.outcome)}`, { subject: host }));
    else res.findings.push(finding('MX_TARGET_NO_ADDRESS', `MX host ${host} has neither A nor AAAA (${describeOutcome(a.outcome)})`, { subject: host }));
    if ([a, aaaa].some(isBogus)) res.findings.push(finding('DNSSEC_BOGUS', `address records of ${host} failed DNSSEC validation`, { subject: host }));
    return result;
  }
  result.addresses = addresses.filter(allowed);
  if (result.addresses.length === 0) {
    res.findings.push(finding('MX_TARGET_PRIVATE_ADDRESS', `MX host ${host} resolves only to non-global addresses (${addresses.join(', ')})`, { subject: host }));
  }
  return result;
}
