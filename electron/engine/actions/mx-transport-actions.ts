/**
 * Per MX host: its certificate (RFC 8461 §4.2; RFC 9525 §6.3) and its STARTTLS service (RFC 3207). Grouped by
 * host name, so one fix at a provider's MX shows once for every domain that uses it.
 */
import type { Action, Publish } from '../../../shared/actions';
import type { FindingCode } from '../../../shared/findings';
import type { MxHostResult } from '../../../shared/types';
import { makeAction, type ActionContext } from './action-context';
import { consequences, servedLeaf } from './mx-consequences';
import { inlineTitles, listWords, titleOf, unique } from './plain';

const CERT_CODES: FindingCode[] = [
  'STARTTLS_CERT_UNTRUSTED', 'STARTTLS_CHAIN_INCOMPLETE', 'STARTTLS_CERT_EXPIRED', 'STARTTLS_CERT_EXPIRING_SOON', 'STARTTLS_CERT_NAME_MISMATCH',
  'STARTTLS_CERT_CN_ONLY', 'STARTTLS_CERT_WEAK_KEY', 'STARTTLS_SNI_DEPENDENT', 'DANE_TA_NAME_MISMATCH',
];
const SERVICE_CODES: FindingCode[] = [
  'STARTTLS_NOT_OFFERED', 'STARTTLS_REJECTED', 'STARTTLS_HANDSHAKE_FAILED', 'STARTTLS_TLS_OBSOLETE', 'STARTTLS_SMTP_ERROR',
  'STARTTLS_CONNECT_FAILED', 'STARTTLS_INCONSISTENT', 'STARTTLS_ADVERTISED_AFTER_TLS', 'DANE_STARTTLS_MISSING',
];

const date = (iso?: string) => (iso ? iso.slice(0, 10) : 'an unknown date');

/** The names the certificate must hold: the MX host name as the domains write it, plus the names the server already serves by SNI. */
export function requiredNames(ctx: ActionContext, h: MxHostResult): string[] {
  const names = [h.host.toLowerCase()];
  if (ctx.present(['STARTTLS_SNI_DEPENDENT'], h.host).length > 0) names.push(...(servedLeaf(h)?.dnsNames ?? []).map((n) => n.toLowerCase()));
  return unique(names);
}

function certStep(code: FindingCode, ctx: ActionContext, h: MxHostResult, names: string): string {
  const leaf = servedLeaf(h);
  const served = leaf?.dnsNames.length ? listWords(leaf.dnsNames) : 'no name in its subject alternative names';
  switch (code) {
    case 'STARTTLS_CERT_UNTRUSTED': return leaf?.selfSigned
      ? `The certificate is self-signed: replace it with one from a publicly trusted certificate authority, naming ${names}.`
      : `The certificate is not trusted by senders (issued by ${leaf?.issuer.replace(/\n/g, ', ') || 'an unknown authority'}): replace it with one from a publicly trusted certificate authority, naming ${names}, and send its intermediate certificates.`;
    case 'STARTTLS_CHAIN_INCOMPLETE': return 'Configure the server to send the intermediate certificate after its own: senders do not fetch a missing intermediate.';
    case 'STARTTLS_CERT_EXPIRED': return `Renew the certificate (valid from ${date(leaf?.notBefore)} to ${date(leaf?.notAfter)}) with the ${names.includes(',') || names.includes(' and ') ? 'names' : 'name'} ${names}, and automate the renewal.`;
    case 'STARTTLS_CERT_EXPIRING_SOON': return `Renew the certificate before ${date(leaf?.notAfter)}, with ${names}, and automate the renewal.`;
    case 'STARTTLS_CERT_NAME_MISMATCH':
    case 'DANE_TA_NAME_MISMATCH': {
      const alias = h.cnameTarget && leaf?.dnsNames.some((n) => n.toLowerCase() === h.cnameTarget!.toLowerCase())
        ? ` Or point the MX record at ${h.cnameTarget} directly (its certificate names it) and list that name in the policy.` : '';
      return `Reissue the certificate with ${names} in its subject alternative names; the one served names ${served}.${alias}`;
    }
    case 'STARTTLS_CERT_CN_ONLY': return `Reissue the certificate with ${names} in its subject alternative names: the name is only in the subject common name, which senders do not read.`;
    case 'STARTTLS_CERT_WEAK_KEY': return 'Reissue with an RSA key of at least 2048 bits (or an ECDSA P-256 key) and a SHA-256 signature.';
    case 'STARTTLS_SNI_DEPENDENT': return `Make the certificate the server presents by default, to senders that send no server name, hold ${names} as well.`;
    default: return titleOf(code);
  }
}

function serviceStep(code: FindingCode, ctx: ActionContext, h: MxHostResult): string {
  const probe = h.probes.find((p) => p.outcome !== 'ok') ?? h.probes[0];
  switch (code) {
    case 'STARTTLS_NOT_OFFERED': return `Enable STARTTLS on ${h.host} (its reply to EHLO does not offer it), with a certificate naming ${h.host}.`;
    case 'STARTTLS_REJECTED': return `${h.host} refuses the STARTTLS command${probe?.starttlsReply ? ` (reply: ${probe.starttlsReply.slice(0, 80)})` : ''}: fix its TLS configuration, typically the key and certificate files.`;
    case 'STARTTLS_HANDSHAKE_FAILED': return `The TLS handshake with ${h.host} fails after STARTTLS: fix the server's TLS configuration (key, certificate, protocol versions).`;
    case 'STARTTLS_TLS_OBSOLETE': return `Enable TLS 1.2 and TLS 1.3 on ${h.host}: it offers only older versions that senders refuse.`;
    case 'STARTTLS_SMTP_ERROR': return `The mail service at ${h.host} does not complete a session${probe?.phase ? ` (it fails at the ${probe.phase} step)` : ''}: make it greet promptly with 220 and answer EHLO.`;
    case 'STARTTLS_CONNECT_FAILED': return `Nothing answers on port 25 at ${listWords(h.addresses)}: start the mail service there, open the firewall, or remove the address.`;
    case 'STARTTLS_INCONSISTENT': return `The addresses of ${h.host} (${listWords(h.addresses)}) behave differently: give every address the same STARTTLS setup and certificate.`;
    case 'STARTTLS_ADVERTISED_AFTER_TLS': return `${h.host} offers STARTTLS again inside the encrypted session: update or reconfigure the mail server.`;
    case 'DANE_STARTTLS_MISSING': return `TLSA records are published for ${h.host}, so DANE senders require TLS there: make STARTTLS work, or withdraw the TLSA records before turning TLS off.`;
    default: return titleOf(code);
  }
}

function hostWhy(h: MxHostResult, own: FindingCode[], all: FindingCode[], kind: 'certificate' | 'service'): string {
  const what = kind === 'certificate' ? `The mail server ${h.host} presents a certificate with problems` : `The mail server ${h.host} does not offer working TLS`;
  const policy = all.includes('MTASTS_MX_UNDELIVERABLE') || all.includes('MTASTS_MX_NONE_DELIVERABLE');
  const dane = all.includes('DANE_ALL_MX_FAIL') || all.includes('DANE_STARTTLS_MISSING');
  const cost = policy ? 'so senders that apply the policy do not deliver to it'
    : dane ? 'so senders that check DANE do not deliver to it'
    : 'so mail to it is not protected as the domain intends';
  return `${what} (${inlineTitles(own)}), ${cost}.`;
}

export function mxTransportActions(ctx: ActionContext, h: MxHostResult): Action[] {
  const out: Action[] = [];
  const certOwn = ctx.present(CERT_CODES, h.host);
  const serviceOwn = ctx.present(SERVICE_CODES, h.host);
  // Both kinds on one host: each lists the consequences, which end once both are done.
  const follow = consequences(ctx, h);
  if (certOwn.length > 0) {
    const names = requiredNames(ctx, h);
    const words = listWords(names);
    const publish: Publish[] = [{ kind: 'certificate', name: h.host.toLowerCase(), value: names.join(', ') }];
    const steps = [...certOwn.map((c) => certStep(c, ctx, h, words)), 'Keep any other names the server needs on the same certificate.'];
    if (h.tlsa?.records.some((r) => r.usage === 3)) steps.push(`TLSA records pin the current key of ${h.host}: publish the record for the new key first and keep the old one until the switch.`);
    const resolves = [...certOwn, ...follow];
    out.push(makeAction({ kind: 'mx-certificate', rootCause: `mx-certificate:${h.host.toLowerCase()}`, title: `Fix the certificate of the mail server ${h.host}`, why: hostWhy(h, certOwn, resolves, 'certificate'), steps, publish, resolves, hosts: [h.host] }));
  } else if (follow.includes('DANE_MTASTS_CONFLICT')) {
    // DANE passes on a certificate MTA-STS rejects (e.g. self-signed and pinned by TLSA): the certificate is the fix.
    out.push(makeAction({
      kind: 'mx-certificate', rootCause: `mx-certificate:${h.host.toLowerCase()}`, title: `Fix the certificate of the mail server ${h.host}`,
      why: `DANE accepts the certificate of ${h.host}, but senders that apply the MTA-STS policy reject it, so they do not deliver there.`,
      steps: [`Install a current certificate from a publicly trusted certificate authority naming ${h.host}.`, `Publish the TLSA record for the new key before the switch, and keep the old one until then.`],
      publish: [{ kind: 'certificate', name: h.host.toLowerCase(), value: h.host.toLowerCase() }], resolves: follow, hosts: [h.host],
    }));
  }
  if (serviceOwn.length > 0) {
    const resolves = [...serviceOwn, ...follow];
    const publish: Publish[] = serviceOwn.includes('STARTTLS_NOT_OFFERED') ? [{ kind: 'certificate', name: h.host.toLowerCase(), value: h.host.toLowerCase() }] : [];
    out.push(makeAction({
      kind: 'mx-starttls', rootCause: `mx-starttls:${h.host.toLowerCase()}`, title: `Fix STARTTLS on the mail server ${h.host}`,
      why: hostWhy(h, serviceOwn, resolves, 'service'), steps: serviceOwn.map((c) => serviceStep(c, ctx, h)), publish, resolves, hosts: [h.host],
    }));
  }
  return out;
}
