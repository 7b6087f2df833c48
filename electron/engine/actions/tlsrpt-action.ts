/**
 * The TLS reporting record to publish (RFC 8460 §3): one record at _smtp._tls.<domain>, with the report
 * destinations the domain already uses where they can receive reports, else a mailbox at the domain itself.
 */
import type { FindingCode } from '../../../shared/findings';
import type { Action, Publish } from '../../../shared/actions';
import type { DomainResult } from '../../../shared/types';
import { parseTlsRptRecords } from '../parse/tlsrpt-record';
import { makeAction, txtAt, type ActionContext } from './action-context';
import { listWords } from './plain';

const TRIGGERS: FindingCode[] = [
  'TLSRPT_RECORD_MISSING', 'TLSRPT_MISSING_WITH_POLICY', 'TLSRPT_MULTIPLE_RECORDS', 'TLSRPT_SYNTAX_INVALID', 'TLSRPT_RUA_MISSING',
  'TLSRPT_RUA_URI_INVALID', 'TLSRPT_RUA_SCHEME_UNSUPPORTED', 'TLSRPT_NO_USABLE_RUA', 'TLSRPT_RUA_MAILTO_INVALID',
  'TLSRPT_RUA_MAILTO_UNDELIVERABLE', 'TLSRPT_RUA_HTTPS_UNRESOLVABLE', 'TLSRPT_WRONG_LOCATION',
];
/** A single rua field ends these too, though they are no defect on their own. */
const ALSO: FindingCode[] = ['TLSRPT_MULTIPLE_RUA_FIELDS'];
const DEAD_DESTINATION: FindingCode[] = ['TLSRPT_RUA_MAILTO_UNDELIVERABLE', 'TLSRPT_RUA_HTTPS_UNRESOLVABLE'];

export function tlsRptName(domain: string): string {
  return `_smtp._tls.${domain}`;
}

/** The version tag written exactly, and a DMARC-style size suffix (`!10m`) dropped: RFC 8460 has none. */
function repair(text: string): string {
  return text
    .replace(/^[ \t]*v[ \t]*=[ \t]*tlsrptv1[ \t]*(;|$)/i, 'v=TLSRPTv1;')
    .replace(/(mailto:[^,;!\s]+)![0-9]+[kmgt]?(?=[,;\s]|$)/gi, '$1');
}

/** Destinations already published (here or at a wrong name) that can receive reports, in the order found. */
export function usableRua(r: DomainResult): string[] {
  const d = r.domain;
  const dead = new Set(r.findings.filter((f) => DEAD_DESTINATION.includes(f.code) && f.subject).map((f) => f.subject!.toLowerCase()));
  const texts = [tlsRptName(d), d, `_smtp-tlsrpt.${d}`].flatMap((name) => txtAt(r, name)).filter((t) => /^[ \t]*v[ \t]*=[ \t]*tlsrpt/i.test(t));
  const uris = texts.flatMap((t) => parseTlsRptRecords([repair(t)], d).rua.filter((x) => x.usable).map((x) => x.uri));
  return [...new Set(uris)].filter((u) => !dead.has(u.toLowerCase()));
}

export interface ProposedTlsRpt {
  publish: Publish;
  /** The mailbox proposed when no usable destination exists (it must exist before reports can arrive). */
  newMailbox?: string;
}

export function proposeTlsRpt(r: DomainResult): ProposedTlsRpt {
  const kept = usableRua(r);
  const newMailbox = kept.length === 0 ? `tls-reports@${r.domain}` : undefined;
  const rua = kept.length > 0 ? kept : [`mailto:${newMailbox}`];
  return { publish: { kind: 'dns-txt', name: tlsRptName(r.domain), value: `v=TLSRPTv1; rua=${rua.join(',')}` }, newMailbox };
}

function whyText(ctx: ActionContext): string {
  if (ctx.has('TLSRPT_MISSING_WITH_POLICY')) return 'No TLS reporting record is published, so nobody hears when senders fail to deliver securely to this domain.';
  if (ctx.has('TLSRPT_RECORD_MISSING') || ctx.has('TLSRPT_WRONG_LOCATION')) return 'No TLS reporting record is published where senders look, so delivery problems stay invisible.';
  if (ctx.present(DEAD_DESTINATION).length > 0 && !ctx.has('TLSRPT_NO_USABLE_RUA')) return 'A report destination in the TLS reporting record cannot receive reports, so those reports are lost.';
  return 'The TLS reporting record cannot be used as published, so senders send no reports and failures stay invisible.';
}

export function tlsRptActions(ctx: ActionContext): Action[] {
  const resolves = ctx.present(TRIGGERS);
  if (resolves.length === 0) return [];
  const { publish, newMailbox } = proposeTlsRpt(ctx.r);
  const name = tlsRptName(ctx.domain);
  const steps = [`Publish one TXT record at ${name} that reads exactly: ${publish.value}`];
  const current = txtAt(ctx.r, name).filter((t) => t !== publish.value);
  const deletes: Publish[] = current.map((t) => ({ kind: 'dns-delete', name, value: t }));
  const misplaced = [ctx.domain, `_smtp-tlsrpt.${ctx.domain}`].flatMap((n) => txtAt(ctx.r, n).filter((t) => /^v=TLSRPTv1/i.test(t)).map((t): Publish => ({ kind: 'dns-delete', name: n, value: t })));
  if (current.length > 0) steps.push(`Delete the ${current.length === 1 ? 'record' : 'records'} published there now (${current.length}): only the new one must remain.`);
  if (misplaced.length > 0) steps.push(`Delete the reporting record at ${listWords(misplaced.map((m) => m.name))}: senders only look at ${name}.`);
  if (newMailbox) steps.push(`Create the mailbox ${newMailbox} before publishing (or put an address or reporting service you already use in its place): reports sent to a missing mailbox are lost.`);
  else steps.push('Reports go to the destinations the domain already uses that can receive them.');
  return [makeAction({
    kind: 'tlsrpt-record', rootCause: `tlsrpt-record:${ctx.domain}`,
    title: current.length > 0 || misplaced.length > 0 ? 'Correct the TLS reporting record' : 'Publish a TLS reporting record',
    why: whyText(ctx), steps, publish: [publish, ...deletes, ...misplaced], resolves: [...resolves, ...ctx.present(ALSO)],
  })];
}
