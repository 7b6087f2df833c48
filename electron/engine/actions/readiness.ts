/**
 * Readiness for mode enforce (RFC 8461 §5; CHECKS §1.4: move to enforce once TLS-RPT reports are clean):
 * every MX deliverable under the policy, TLS-RPT published and able to receive reports, no high or critical
 * finding. max_age needs no check here: the action that switches the mode publishes a sensible one.
 */
import type { Readiness } from '../../../shared/actions';
import { catalogueEntry, severityRank } from '../../../shared/findings';
import type { DomainResult } from '../../../shared/types';
import { hostPasses, policyHosts, receivesMail } from './mx-state';
import { usableRua } from './tlsrpt-action';
import { inlineTitles, unique } from './plain';

const STARTING: Readonly<Record<string, string>> = {
  absent: 'No MTA-STS record is published yet: publish the policy file and the record in mode testing first.',
  invalid: 'The published MTA-STS record or policy cannot be used by senders: correct it first.',
  none: 'The policy is in mode none, so senders apply nothing: publish it in mode testing first.',
};

function hostBlockers(r: DomainResult): { blockers: string[]; hosts: Set<string> } {
  const hosts = new Set<string>();
  if (r.smtpNotTested) {
    return { blockers: ['The mail servers could not be tested from the auditor\'s network: audit again from a network that can reach port 25 before switching.'], hosts };
  }
  const blockers: string[] = [];
  for (const h of policyHosts(r)) {
    if (h.covered === false) {
      blockers.push(`The mail server ${h.host} is not listed in the policy, so enforcing senders would refuse to deliver to it.`);
      hosts.add(h.host.toLowerCase());
    }
    if (!hostPasses(h)) {
      const about = unique(r.findings.filter((f) => f.subject?.toLowerCase() === h.host.toLowerCase() && severityRank(f.severity) <= severityRank('medium')).map((f) => f.code));
      const detail = about.length > 0 ? ` (${inlineTitles(about)})` : '';
      blockers.push(`The mail server ${h.host} does not pass the checks enforcing senders make${detail}.`);
      hosts.add(h.host.toLowerCase());
    }
  }
  return { blockers, hosts };
}

export function readiness(r: DomainResult): Readiness | undefined {
  if (!receivesMail(r) || r.posture === 'enforce') return undefined;
  const blockers: string[] = [];
  const start = STARTING[r.posture];
  if (start) blockers.push(start, 'Run the policy in mode testing and read the TLS reports for a while before switching to enforce.');
  const hostsPart = hostBlockers(r);
  blockers.push(...hostsPart.blockers);
  const rptBlocked = !r.tlsrpt?.valid || usableRua(r).length === 0;
  if (!r.tlsrpt?.valid) blockers.push('No usable TLS reporting record is published, so failures after the switch would go unseen.');
  else if (rptBlocked) blockers.push('No destination in the TLS reporting record can receive reports, so failures after the switch would go unseen.');
  const serious = r.findings.filter((f) => severityRank(f.severity) <= severityRank('high')
    && !(f.subject && hostsPart.hosts.has(f.subject.toLowerCase()))
    && !(rptBlocked && catalogueEntry(f.code).group === 'TLSRPT'));
  for (const title of unique(serious.map((f) => catalogueEntry(f.code).title))) blockers.push(`Fix first: ${title}.`);
  return { ready: blockers.length === 0, blockers };
}
