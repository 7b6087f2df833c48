/**
 * Reading DNS answers, below every check: which outcomes are lookup failures, which are DNSSEC validation
 * failures, and a host's A and AAAA addresses. The MX check, the policy host, TLS-RPT, DANE and the AIA
 * fetch all use them, so they live here in net/ rather than in one check.
 */
import type { DnsAnswer } from '../../../shared/types';
import type { DnsLookup } from './dns';

const FAILED = new Set(['servfail', 'timeout', 'refused', 'error']);

export function isLookupFailure(a: DnsAnswer): boolean {
  return FAILED.has(a.outcome);
}

/** RFC 8914 §4.7–4.13: EDE 6–12 are DNSSEC validation failures; so is a SERVFAIL that CD=1 cures. */
export function isBogus(a: DnsAnswer): boolean {
  return a.outcome === 'servfail' && ((a.ede !== undefined && a.ede >= 6 && a.ede <= 12) || a.bogus === true);
}

export async function lookupAddresses(dns: DnsLookup, name: string): Promise<{ a: DnsAnswer; aaaa: DnsAnswer; addresses: string[] }> {
  const [a, aaaa] = await Promise.all([dns.query(name, 'A'), dns.query(name, 'AAAA')]);
  return { a, aaaa, addresses: addressesOf(a, aaaa) };
}

export function addressesOf(a: DnsAnswer, aaaa: DnsAnswer): string[] {
  return [...a.records, ...aaaa.records].flatMap((r) => (r.type === 'A' || r.type === 'AAAA' ? [r.address] : []));
}
