/**
 * DNS actions: MX records and MX host addresses (RFC 5321 §5.1; RFC 2181 §10.3; RFC 7505), DNSSEC signatures
 * (RFC 4035 §4.3; RFC 7672 §2.1), and names whose servers fail to answer (RFC 8461 §3.1, §10.2).
 */
import type { Action, Publish } from '../../../shared/actions';
import type { FindingCode } from '../../../shared/findings';
import type { MxHostResult } from '../../../shared/types';
import { makeAction, type ActionContext } from './action-context';
import { consequences } from './mx-consequences';
import { listWords } from './plain';

/** Per MX host: what is wrong with its name or addresses. */
export function mxHostDnsActions(ctx: ActionContext, h: MxHostResult): Action[] {
  const host = h.host.toLowerCase();
  const noUsable = ctx.present(['MX_NO_USABLE_HOST']);
  const out: Action[] = [];
  const add = (codes: FindingCode[], title: string, why: string, steps: string[], publish: Publish[] = [], extra: FindingCode[] = []) => {
    out.push(makeAction({ kind: 'mx-dns', rootCause: `mx-dns:${host}`, title, why, steps, publish, resolves: [...codes, ...extra], hosts: [h.host] }));
  };
  const mxText = `${h.preference} ${host}.`;
  /** The record as a sentence shows it (no trailing dot before the next word). */
  const mxWords = `${h.preference} ${host}`;
  if (ctx.present(['MX_TARGET_IP_LITERAL'], h.host).length > 0) {
    add(['MX_TARGET_IP_LITERAL'], `Name the mail server ${host} by a host name`, `The MX record names the address ${host} instead of a host name, so no policy can list it and most senders skip it.`,
      [`Replace the MX record ${mxWords} with one naming the mail server's host name, and give that name address records.`], [{ kind: 'dns-delete', name: ctx.domain, value: mxText }], noUsable);
  }
  if (ctx.present(['MX_TARGET_NO_ADDRESS'], h.host).length > 0) {
    add(['MX_TARGET_NO_ADDRESS'], `Give the mail server ${host} an address, or remove it`, `The mail server ${host} has no address records, so senders cannot reach it.`,
      [`Publish the address records (A or AAAA) of ${host}, or delete the MX record ${mxWords} if that server is gone.`], [], [...noUsable, ...consequences(ctx, h)]);
  }
  if (ctx.present(['MX_TARGET_PRIVATE_ADDRESS'], h.host).length > 0) {
    add(['MX_TARGET_PRIVATE_ADDRESS'], `Give the mail server ${host} a public address`, `The mail server ${host} resolves only to private addresses${h.addresses.length ? ` (${listWords(h.addresses)})` : ''}, which senders on the internet cannot reach.`,
      [`Publish public addresses for ${host}, or delete the MX record ${mxWords} if it is only for internal use.`], [], noUsable);
  }
  if (ctx.present(['MX_TARGET_LOOKUP_FAILED'], h.host).length > 0 && ctx.present(['DNSSEC_BOGUS'], h.host).length === 0) {
    add(['MX_TARGET_LOOKUP_FAILED'], `Make the name servers of ${host} answer`, `The address lookup of the mail server ${host} fails, so senders cannot reach it.`,
      [`Make every authoritative name server of ${host} answer its A and AAAA queries.`], [], noUsable);
  }
  if (ctx.present(['MX_TARGET_CNAME'], h.host).length > 0 && h.cnameTarget) {
    const target = h.cnameTarget.toLowerCase();
    add(['MX_TARGET_CNAME'], `Point the MX record straight at ${target}`, `The MX host ${host} is an alias of ${target}: its certificate must name the alias, which providers rarely arrange.`,
      [`Replace the MX record ${mxWords} with ${h.preference} ${target}.`, `List ${target} in the policy file instead of ${host}, and change the record id after the file.`],
      [{ kind: 'dns-mx', name: ctx.domain, value: `${h.preference} ${target}.` }, { kind: 'dns-delete', name: ctx.domain, value: mxText }]);
  }
  return out;
}

/** Domain-level MX set problems: a null MX next to real ones, an implicit MX. */
export function mxSetActions(ctx: ActionContext): Action[] {
  const out: Action[] = [];
  if (ctx.has('MX_NULL_MIXED')) {
    const real = ctx.r.mx.filter((h) => h.host !== '' && h.host !== '.').map((h) => h.host);
    out.push(makeAction({
      kind: 'mx-dns', rootCause: `mx-dns:${ctx.domain}`, title: 'Remove the null MX record',
      why: 'A "no mail" MX record sits next to real mail servers, so senders disagree on whether the domain takes mail.',
      steps: [`Delete the MX record 0 . of ${ctx.domain}: the domain receives mail through ${listWords(real)}.`],
      publish: [{ kind: 'dns-delete', name: ctx.domain, value: '0 .' }], resolves: ['MX_NULL_MIXED'],
    }));
  }
  if (ctx.has('MX_NONE_IMPLICIT')) {
    out.push(makeAction({
      kind: 'mx-dns', rootCause: `mx-dns:${ctx.domain}`, title: 'Publish an explicit MX record',
      why: 'The domain has no MX record, so senders fall back to its own address; an explicit record says what is meant.',
      steps: [`Publish the MX record ${ctx.domain} MX 10 ${ctx.domain} (or the mail server you use), or a null MX (0 .) if the domain takes no mail.`],
      publish: [{ kind: 'dns-mx', name: ctx.domain, value: `10 ${ctx.domain}.` }], resolves: ['MX_NONE_IMPLICIT', ...ctx.present(['MTASTS_MX_IMPLICIT'])],
    }));
  }
  return out;
}

/** DNSSEC: bogus signatures (critical) and unsigned zones that keep DANE from working. */
export function dnssecActions(ctx: ActionContext, hosts: MxHostResult[]): Action[] {
  const out: Action[] = [];
  const bogus = ctx.all('DNSSEC_BOGUS');
  const names = [...new Set(bogus.map((f) => (f.subject ?? ctx.domain).toLowerCase()))];
  for (const name of names) {
    const aboutDomain = name === ctx.domain;
    const extra: FindingCode[] = aboutDomain ? ctx.present(['MX_LOOKUP_FAILED']) : ctx.present(['MX_TARGET_LOOKUP_FAILED'], name);
    out.push(makeAction({
      kind: 'dnssec', rootCause: `dnssec:${name}`, title: `Repair the DNSSEC signatures of ${name}`,
      why: `The DNS answers for ${name} fail DNSSEC validation, so validating senders cannot resolve it and hold the mail.`,
      steps: [`Re-sign the zone of ${name} and check that the DS record at the parent matches its current key; do it now.`],
      resolves: ['DNSSEC_BOGUS', ...extra], hosts: aboutDomain ? [] : [name],
    }));
  }
  if (ctx.has('DANE_MX_INSECURE')) {
    out.push(makeAction({
      kind: 'dnssec', rootCause: `dnssec:${ctx.domain}`, title: `Sign the zone of ${ctx.domain} with DNSSEC`,
      why: 'The MX records are not signed, so senders may skip DANE for this domain even though its mail servers publish TLSA records.',
      steps: [`Sign the zone of ${ctx.domain} and publish its DS record at the parent zone.`], resolves: ctx.present(['DANE_MX_INSECURE']),
    }));
  }
  for (const h of hosts) {
    const own = ctx.present(['DANE_ADDRESS_INSECURE', 'DANE_TLSA_INSECURE'], h.host);
    if (own.length === 0) continue;
    out.push(makeAction({
      kind: 'dnssec', rootCause: `dnssec:${h.host.toLowerCase()}`, title: `Sign the zone of ${h.host} with DNSSEC`,
      why: `TLSA records exist for ${h.host}, but ${own.includes('DANE_TLSA_INSECURE') ? 'they are' : 'its address records are'} not signed, so every sender ignores them.`,
      steps: [`Sign the zone holding ${h.host} and its TLSA records, and publish its DS record at the parent; or remove the TLSA records if DANE is not wanted.`],
      resolves: own, hosts: [h.host],
    }));
  }
  return out;
}

/** Names whose authoritative servers failed to answer (SERVFAIL, time-out): nothing can be judged until they do. */
export function dnsServerActions(ctx: ActionContext, hosts: MxHostResult[]): Action[] {
  const d = ctx.domain;
  const items: [FindingCode, string, string][] = [
    ['MTASTS_DNS_LOOKUP_FAILED', `_mta-sts.${d}`, 'senders cannot tell whether the domain has a policy'],
    ['MTASTS_HTTPS_HOST_LOOKUP_FAILED', `mta-sts.${d}`, 'senders cannot reach the policy web server'],
    ['TLSRPT_LOOKUP_FAILED', `_smtp._tls.${d}`, 'senders cannot find where to send TLS reports'],
  ];
  if (!ctx.has('DNSSEC_BOGUS') || ctx.all('DNSSEC_BOGUS').every((f) => f.subject)) items.push(['MX_LOOKUP_FAILED', d, 'senders cannot find the mail servers and hold the mail']);
  const out: Action[] = [];
  for (const [code, name, cost] of items) {
    if (!ctx.has(code)) continue;
    out.push(makeAction({
      kind: 'dns-servers', rootCause: `dns-servers:${name}`, title: `Make the name servers answer for ${name}`,
      why: `The DNS lookup of ${name} fails, so ${cost}.`,
      steps: [`Make every authoritative name server of ${name} answer its queries (with the records, or a proper "no such record" answer), then audit again.`],
      resolves: [code],
    }));
  }
  for (const h of hosts) {
    if (ctx.present(['DANE_TLSA_LOOKUP_FAILED'], h.host).length === 0) continue;
    const owner = h.tlsa?.owner ?? `_25._tcp.${h.host.toLowerCase()}`;
    out.push(makeAction({
      kind: 'dns-servers', rootCause: `dns-servers:${owner}`, title: `Make the name servers answer for ${owner}`,
      why: `The TLSA lookup for ${h.host} fails in a signed zone, so DANE senders treat the mail server as unreachable.`,
      steps: [`Make every authoritative name server answer TLSA queries for ${owner} with signed records or a signed "no such record" answer.`],
      resolves: ['DANE_TLSA_LOOKUP_FAILED', ...consequences(ctx, h).filter((c) => c === 'DANE_ALL_MX_FAIL')], hosts: [h.host],
    }));
  }
  return out;
}
