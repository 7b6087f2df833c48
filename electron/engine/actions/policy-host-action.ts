/**
 * The policy host (RFC 8461 §3.3): https://mta-sts.<domain>/.well-known/mta-sts.txt must answer over TLS with a
 * publicly trusted certificate naming mta-sts.<domain>, status 200, text/plain, promptly. One action per domain,
 * grouped by the host that actually serves it (a CNAME target shared by many domains is one root cause).
 */
import type { Action, Publish } from '../../../shared/actions';
import { catalogueEntry, type FindingCode } from '../../../shared/findings';
import { makeAction, policyUrl, type ActionContext } from './action-context';
import { charsetIsContent } from './policy-actions';
import { inlineTitles, listWords } from './plain';

const CERT_CODES: FindingCode[] = ['MTASTS_HTTPS_CERT_UNTRUSTED', 'MTASTS_HTTPS_CERT_EXPIRED', 'MTASTS_HTTPS_CERT_NAME_MISMATCH', 'MTASTS_HTTPS_CERT_EXPIRING_SOON'];
const HOST_CODES: FindingCode[] = [
  'MTASTS_HTTPS_HOST_NOT_FOUND', 'MTASTS_HTTPS_HOST_PRIVATE_ADDRESS', 'MTASTS_HTTPS_CONNECT_FAILED', 'MTASTS_HTTPS_TLS_FAILED',
  'MTASTS_HTTPS_TLS_OBSOLETE', ...CERT_CODES, 'MTASTS_HTTPS_REDIRECT', 'MTASTS_HTTPS_STATUS_NOT_200', 'MTASTS_HTTPS_CONTENT_TYPE_INVALID',
  'MTASTS_HTTPS_TIMEOUT', 'MTASTS_HTTPS_SLOW',
];
export const CONTENT_TYPE = 'Content-Type: text/plain; charset=utf-8';

/** The host that really serves the policy: the end of a CNAME chain, else mta-sts.<domain> itself. */
export function servingHost(ctx: ActionContext): string {
  const name = `mta-sts.${ctx.domain}`;
  const a = ctx.r.evidence.dns.find((x) => x.name.toLowerCase() === name && (x.type === 'A' || x.type === 'AAAA') && x.cnames.length > 0);
  const last = a?.cnames[a.cnames.length - 1];
  return last?.type === 'CNAME' ? last.target.toLowerCase().replace(/\.$/, '') : name;
}

function dateOf(iso?: string): string {
  return iso ? iso.slice(0, 10) : 'an unknown date';
}

function stepFor(code: FindingCode, ctx: ActionContext): string {
  const name = `mta-sts.${ctx.domain}`;
  const fetch = ctx.r.evidence.policyFetch;
  const leaf = fetch?.tls?.chain[0];
  const names = leaf?.dnsNames.length ? listWords(leaf.dnsNames) : 'no name in its subject alternative names';
  switch (code) {
    case 'MTASTS_HTTPS_HOST_NOT_FOUND': return `Publish an address record (A or AAAA) for ${name}, or a CNAME to the web host that will serve the policy.`;
    case 'MTASTS_HTTPS_HOST_PRIVATE_ADDRESS': return `${name} points only at private addresses (${listWords(fetch?.addresses ?? [])}): point it at a public address senders can reach.`;
    case 'MTASTS_HTTPS_CONNECT_FAILED': return `Nothing answers on port 443 at ${listWords(fetch?.addresses ?? []) || name}: open port 443 on the web server for ${name}.`;
    case 'MTASTS_HTTPS_TLS_FAILED': return `The TLS handshake for the name ${name} fails: configure the web server to serve TLS for that name.`;
    case 'MTASTS_HTTPS_TLS_OBSOLETE': return 'Enable TLS 1.2 and TLS 1.3 on the web server: it offers only older versions that senders refuse.';
    case 'MTASTS_HTTPS_CERT_UNTRUSTED': return `Install a certificate from a publicly trusted certificate authority that names ${name}, and send the intermediate certificates with it.`;
    case 'MTASTS_HTTPS_CERT_EXPIRED': return `Renew the certificate (valid from ${dateOf(leaf?.notBefore)} to ${dateOf(leaf?.notAfter)}) with the name ${name}, and automate the renewal.`;
    case 'MTASTS_HTTPS_CERT_NAME_MISMATCH': return `Install a certificate whose subject alternative names include ${name}; the one served names ${names}.`;
    case 'MTASTS_HTTPS_CERT_EXPIRING_SOON': return `Renew the certificate before ${dateOf(leaf?.notAfter)}, with the name ${name}, and automate the renewal.`;
    case 'MTASTS_HTTPS_REDIRECT': return `The server answers with a redirect (status ${fetch?.status ?? '3xx'}${fetch?.headers?.location ? ` to ${fetch.headers.location}` : ''}): serve the file itself at ${policyUrl(ctx.domain)}; senders never follow redirects.`;
    case 'MTASTS_HTTPS_STATUS_NOT_200': return `The server answers with status ${fetch?.status ?? 'other than 200'}: serve the file at ${policyUrl(ctx.domain)} with status 200.`;
    case 'MTASTS_HTTPS_CONTENT_TYPE_INVALID': return `Send the header ${CONTENT_TYPE} with the file (now: ${fetch?.headers?.['content-type'] || 'no Content-Type'}).`;
    case 'MTASTS_HTTPS_CHARSET_UNEXPECTED': return `Send the header ${CONTENT_TYPE} with the file (now: ${fetch?.headers?.['content-type']}).`;
    case 'MTASTS_HTTPS_TIMEOUT': return 'The file did not arrive in time: serve it as a small static file, straight from the web server, so it arrives well within a second.';
    case 'MTASTS_HTTPS_SLOW': return `The file took ${fetch?.timings.totalMs ?? 'several thousand'} milliseconds: serve it as a small static file so it arrives well within a second; some senders give up after four seconds.`;
    default: return catalogueEntry(code).title;
  }
}

export function policyHostAction(ctx: ActionContext): Action[] {
  const resolves = ctx.present(HOST_CODES);
  if (ctx.has('MTASTS_HTTPS_CHARSET_UNEXPECTED') && !charsetIsContent(ctx)) resolves.push('MTASTS_HTTPS_CHARSET_UNEXPECTED');
  if (resolves.length === 0) return [];
  const name = `mta-sts.${ctx.domain}`;
  const host = servingHost(ctx);
  const publish: Publish[] = [];
  if (resolves.some((c) => CERT_CODES.includes(c))) publish.push({ kind: 'certificate', name: host, value: name });
  if (resolves.includes('MTASTS_HTTPS_CONTENT_TYPE_INVALID') || resolves.includes('MTASTS_HTTPS_CHARSET_UNEXPECTED')) publish.push({ kind: 'http-header', name: policyUrl(ctx.domain), value: CONTENT_TYPE });
  const blocking = resolves.filter((c) => catalogueEntry(c).posture === 'invalid');
  const why = blocking.length > 0
    ? `Senders cannot fetch the policy from ${name} (${inlineTitles(blocking)}), so they apply none.`
    : `The policy host works today, but needs attention: ${inlineTitles(resolves)}.`;
  const steps = resolves.map((c) => stepFor(c, ctx));
  if (host !== name) steps.push(`${name} is an alias of ${host}: the host behind it must serve the certificate and file for ${name}.`);
  if (!ctx.r.policy) steps.push('Then audit again: the content of the policy file is checked once senders can fetch it.');
  return [makeAction({ kind: 'policy-host', rootCause: `policy-host:${host}`, title: `Fix the policy web server ${name}`, why, steps, publish, resolves, hosts: [name] })];
}
