/**
 * What DNSSEC says about the domain, as far as a stub can tell: the AD bit of a validating resolver
 * (RFC 4035 §3.2.3, RFC 6840 §5.8). Whether the resolver validates at all is asked once per run with a
 * control name known to be signed (the root on the internet); without that, AD means nothing and every
 * DNSSEC-dependent result is "not tested" (RFC 7672 §2.1.1).
 */
import type { DnsAnswer, Finding } from '../../../shared/types';
import type { DnsLookup } from '../net/dns';
import { finding } from '../finding';
import { isLookupFailure } from './mx-resolve';

/** `settled` is false when the control query itself failed: the answer says nothing about the resolver. */
export async function resolverValidates(dns: DnsLookup, controlName: string): Promise<{ validates: boolean; settled: boolean }> {
  const a = await dns.query(controlName, 'SOA');
  return { validates: a.authenticated, settled: !isLookupFailure(a) };
}

export function dnssecFindings(mxAnswer: DnsAnswer, resolverOk: boolean, controlName: string): Finding[] {
  if (!resolverOk) {
    return [finding('DNSSEC_RESOLVER_NOT_VALIDATING', `the resolver (${mxAnswer.server}) does not set AD for ${controlName}, which is signed: DNSSEC and DANE are not tested`)];
  }
  return mxAnswer.authenticated
    ? [finding('DNSSEC_SIGNED', `the MX answer for ${mxAnswer.name} is DNSSEC-secure (AD set by ${mxAnswer.server})`)]
    : [finding('DNSSEC_UNSIGNED', `the MX answer for ${mxAnswer.name} is not DNSSEC-secure`)];
}
