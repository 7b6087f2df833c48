/**
 * DANE per MX host (RFC 7672 §3.1; RFC 7671 §8–10): the TLSA records to publish are computed from the key the
 * host actually served (3 1 1: SHA-256 of its public key), the records to delete are the ones that match
 * nothing or are not meant for SMTP. Records that already match with recommended parameters stay.
 */
import type { Action, Publish } from '../../../shared/actions';
import type { FindingCode } from '../../../shared/findings';
import type { MxHostResult } from '../../../shared/types';
import { makeAction, type ActionContext } from './action-context';
import { consequences, servedLeaf } from './mx-consequences';
import { inlineTitles, listWords } from './plain';

const TLSA_CODES: FindingCode[] = [
  'DANE_TLSA_NO_MATCH', 'DANE_ROLLOVER_INCONSISTENT', 'DANE_TLSA_ALL_UNUSABLE', 'DANE_TLSA_RECORD_UNUSABLE', 'DANE_TLSA_PKIX_USAGE',
  'DANE_PARAMS_DISCOURAGED', 'DANE_TA_NOT_IN_CHAIN',
];

type Tlsa = NonNullable<MxHostResult['tlsa']>['records'][number];
const text = (r: Tlsa) => `${r.usage} ${r.selector} ${r.matchingType} ${r.data}`;
/** 3 1 1 and 2 0 1 are the recommended forms (RFC 7672 §3.1.2, RFC 7671 §10.1.2). */
const recommended = (r: Tlsa) => r.usable && r.matched && ((r.usage === 3 && r.selector === 1 && r.matchingType === 1) || (r.usage === 2 && r.selector === 0 && r.matchingType === 1));

export function proposedTlsa(h: MxHostResult): { owner: string; add?: string; keep: string[]; remove: string[] } {
  const owner = h.tlsa?.owner ?? `_25._tcp.${h.host.toLowerCase()}`;
  const records = h.tlsa?.records ?? [];
  const keep = records.filter(recommended);
  const spki = servedLeaf(h)?.spkiSha256;
  const add = keep.length === 0 && spki ? `3 1 1 ${spki}` : undefined;
  return { owner, add, keep: keep.map(text), remove: records.filter((r) => !recommended(r)).map(text) };
}

function tlsaAction(ctx: ActionContext, h: MxHostResult, own: FindingCode[], extra: FindingCode[]): Action {
  const p = proposedTlsa(h);
  const publish: Publish[] = [
    ...(p.add ? [{ kind: 'dns-tlsa' as const, name: p.owner, value: p.add }] : []),
    ...p.remove.map((v): Publish => ({ kind: 'dns-delete', name: p.owner, value: v })),
  ];
  const steps = [
    ...(p.add ? [`Publish the TLSA record ${p.owner} ${p.add}: it matches the key ${h.host} serves now.`] : [`The record ${listWords(p.keep)} already matches the key ${h.host} serves and stays.`]),
    ...(p.remove.length > 0 ? [`Delete the TLSA ${p.remove.length === 1 ? 'record that matches' : 'records that match'} nothing or ${p.remove.length === 1 ? 'is' : 'are'} not meant for mail servers: ${listWords(p.remove)}.`] : []),
    ...(own.includes('DANE_TA_NOT_IN_CHAIN') ? [`Alternatively keep the authority record and make ${h.host} send that authority's certificate in its chain.`] : []),
    'Before the next key change, publish the record for the new key first and keep the old one until the switch.',
  ];
  const resolves = [...own, ...extra];
  const blocking = resolves.includes('DANE_ALL_MX_FAIL') || own.includes('DANE_TLSA_NO_MATCH') || own.includes('DANE_TA_NOT_IN_CHAIN') || own.includes('DANE_TLSA_ALL_UNUSABLE');
  const why = `The TLSA records of ${h.host} do not fit the certificate it serves (${inlineTitles(own)}), so DANE senders ${blocking ? 'cannot deliver to it securely' : 'may reject it at the next change'}.`;
  return makeAction({ kind: 'dane-tlsa', rootCause: `dane-tlsa:${h.host.toLowerCase()}`, title: `Publish TLSA records that match ${h.host}`, why, steps, publish, resolves, hosts: [h.host] });
}

export function daneActions(ctx: ActionContext, h: MxHostResult): Action[] {
  const own = ctx.present(TLSA_CODES, h.host);
  if (own.length === 0) return [];
  return [tlsaAction(ctx, h, own, consequences(ctx, h).filter((c) => c === 'DANE_ALL_MX_FAIL'))];
}

/** DANE on some MX only (RFC 7672 §2.2.1): the others get a record for the key they serve, in a signed zone. */
export function danePartialAction(ctx: ActionContext, hosts: MxHostResult[]): Action[] {
  if (!ctx.has('DANE_PARTIAL')) return [];
  const bare = hosts.filter((h) => !h.tlsa?.records.length && servedLeaf(h));
  if (bare.length === 0) return [];
  const publish: Publish[] = bare.map((h) => ({ kind: 'dns-tlsa', name: `_25._tcp.${h.host.toLowerCase()}`, value: `3 1 1 ${servedLeaf(h)!.spkiSha256}` }));
  return [makeAction({
    kind: 'dane-tlsa', rootCause: `dane-tlsa:${ctx.domain}`, title: 'Publish TLSA records for every mail server',
    why: `The mail ${bare.length === 1 ? 'server' : 'servers'} ${listWords(bare.map((h) => h.host))} ${bare.length === 1 ? 'has' : 'have'} no TLSA record while the others do, so mail through ${bare.length === 1 ? 'it' : 'them'} is only opportunistically protected.`,
    steps: [
      ...publish.map((p) => `Publish the TLSA record ${p.name} ${p.value}: it matches the key served there now.`),
      'The zones holding these records must be signed with DNSSEC, or senders ignore them.',
    ],
    publish, resolves: ['DANE_PARTIAL'], hosts: bare.map((h) => h.host),
  })];
}
