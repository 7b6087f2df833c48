/**
 * Applies an action's exact values to the lab, by machine: TXT records and the policy file go into the domain's
 * spec (Lab.update), a policy host certificate is re-issued for its name, an MX certificate is re-issued with
 * exactly the names the action lists. Nothing is interpreted: a value that does not fix the defect fails the
 * re-audit that follows.
 */
import { domainToASCII } from 'node:url';
import type { Action, Publish } from '../../../shared/actions';
import type { DomainResult } from '../../../shared/types';
import type { Lab } from '../../../electron/lab/lab';
import { DEFAULT_ID, type DomainSpec } from '../../../electron/lab/estate/spec';

function txtList(current: (string | string[])[] | null | undefined, fallback: string): string[] {
  if (current === null) return [];
  return (current ?? [fallback]).map((t) => (Array.isArray(t) ? t.join('') : t));
}

type Tlsa = { usage: number; selector: number; matchingType: number; data: string };
const tlsaOf = (text: string): Tlsa => {
  const [usage, selector, matchingType, data] = text.split(' ');
  return { usage: Number(usage), selector: Number(selector), matchingType: Number(matchingType), data: data! };
};
const tlsaText = (t: Tlsa) => `${t.usage} ${t.selector} ${t.matchingType} ${t.data}`;

/** Pending TLSA changes per owner name: the RRset the audit saw, plus and minus the action's values. */
type TlsaSets = Map<string, Tlsa[]>;

function applyOne(spec: DomainSpec, p: Publish, certs: [string, string[]][], tlsa: TlsaSets): DomainSpec {
  const d = domainToASCII(spec.name);
  const s: DomainSpec = { ...spec, https: spec.https ? { ...spec.https, headers: { ...spec.https.headers } } : undefined, extra: spec.extra ? [...spec.extra] : undefined };
  switch (p.kind) {
    case 'dns-txt':
      if (p.name === `_mta-sts.${d}`) s.sts = [p.value];
      else if (p.name === `_smtp._tls.${d}`) s.tlsrpt = [p.value];
      else s.extra = [...(s.extra ?? []), { name: p.name, type: 'TXT', data: [p.value] }];
      return s;
    case 'dns-tlsa':
      tlsa.set(p.name, [...(tlsa.get(p.name) ?? []), tlsaOf(p.value)]);
      return s;
    case 'dns-delete':
      if (tlsa.has(p.name)) {
        tlsa.set(p.name, tlsa.get(p.name)!.filter((t) => tlsaText(t) !== p.value));
        return s;
      }
      if (p.name === `_mta-sts.${d}`) s.sts = txtList(s.sts, `v=STSv1; id=${DEFAULT_ID}`).filter((t) => t !== p.value);
      else if (p.name === `_smtp._tls.${d}`) s.tlsrpt = txtList(s.tlsrpt, `v=TLSRPTv1; rua=mailto:tlsrpt@${d}`).filter((t) => t !== p.value);
      else s.extra = (s.extra ?? []).filter((r) => !(r.name === p.name && r.type === 'TXT' && (r.data as string[]).join('') === p.value));
      return s;
    case 'policy-file':
      s.policy = p.value;
      if (s.https) s.https.body = undefined;
      return s;
    case 'http-header': {
      const [name, ...rest] = p.value.split(':');
      s.https = { ...s.https, headers: { ...s.https?.headers, [name!.trim().toLowerCase()]: rest.join(':').trim() } };
      return s;
    }
    case 'certificate':
      certs.push([p.name, p.value.split(', ')]);
      return s;
    default:
      throw new Error(`the lab cannot apply ${p.kind} values`);
  }
}

/**
 * Applies every value of the actions, in order; returns the new spec (already live in the lab). `before` gives
 * the TLSA RRsets as audited, which TLSA additions and deletions change.
 */
export async function applyActions(lab: Lab, spec: DomainSpec, actions: Action[], before?: DomainResult): Promise<DomainSpec> {
  const certs: [string, string[]][] = [];
  const tlsa: TlsaSets = new Map();
  for (const h of before?.mx ?? []) if (h.tlsa) tlsa.set(h.tlsa.owner, h.tlsa.records.map((r) => ({ usage: r.usage, selector: r.selector, matchingType: r.matchingType, data: r.data })));
  const touched = new Set(actions.flatMap((a) => a.publish.filter((p) => p.kind === 'dns-tlsa' || (p.kind === 'dns-delete' && tlsa.has(p.name))).map((p) => p.name)));
  let next = spec;
  for (const a of actions) for (const p of a.publish) next = applyOne(next, p, certs, tlsa);
  for (const owner of touched) lab.setMxTlsa(owner, tlsa.get(owner) ?? []);
  const policyHost = `mta-sts.${domainToASCII(spec.name)}`;
  for (const [host, names] of certs) {
    if (host === policyHost) {
      // The lab's "valid" policy host certificate names exactly mta-sts.<d>: apply it only for exactly that proposal.
      if (names.length !== 1 || names[0] !== policyHost) throw new Error(`the lab cannot issue ${names.join(', ')} for ${host}`);
      next = { ...next, https: { ...next.https, cert: 'valid' } };
    } else await lab.reissueMxCertificate(host, names);
  }
  await lab.update(next);
  return next;
}
