/**
 * What a person may type where a domain is meant: the domain itself, an e-mail address, a mailto: link or a
 * URL. This finds the host in each; normaliseDomain (trim, case, trailing dot, IDN → A-label, shape) stays the
 * one judge of whether that host is a domain.
 */
import { normaliseDomain } from '../../../engine/parse/domain-name';

export type DomainCell = { ok: true; domain: string; kind: HostKind } | { ok: false; reason: string };
export type HostKind = 'domain' | 'email' | 'url';

type Host = { host: string; kind: HostKind } | { reason: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `host.tld/…`, `host.tld:8080`, `host.tld?…` without a scheme: a dot before the first URL character. */
const BARE_URL = /^([^\s/?#@:]+\.[^\s/?#@:]+)(?::\d{1,5})?(?:[/?#].*)?$/s;

export function domainFromCell(text: string, link?: string): DomainCell {
  const result = judge(hostIn(text));
  if (result.ok) return result;
  if (link) {
    const fromLink = judge(hostIn(link));
    if (fromLink.ok) return fromLink;
  }
  return severalDomains(text) ? { ok: false, reason: 'several domains in one cell (put one per row)' } : result;
}

/** "acme.example, acme.example.org" or one per line in a cell: a common shape, worth a clearer reason. */
function severalDomains(text: string): boolean {
  const parts = text.split(/[\s,;|]+/).filter(Boolean);
  return parts.length >= 2 && parts.every((p) => judge(hostIn(p)).ok);
}

function judge(found: Host): DomainCell {
  if ('reason' in found) return { ok: false, reason: found.reason };
  const n = normaliseDomain(found.host);
  return n.ok ? { ok: true, domain: n.domain, kind: found.kind } : { ok: false, reason: n.reason };
}

function hostIn(text: string): Host {
  let s = text.trim();
  // "Jane Doe <jane@example.com>" (RFC 5322 name-addr)
  const angle = /<([^<>]*)>$/.exec(s);
  if (angle) s = angle[1]!.trim();
  if (/^mailto:/i.test(s)) return emailHost(s.slice(7).split('?')[0]!);
  if (SCHEME.test(s)) return urlHost(s);
  if (s.includes('@')) return emailHost(s);
  const bare = BARE_URL.exec(s);
  if (bare && bare[1] !== s) return { host: bare[1]!, kind: 'url' };
  return { host: s, kind: 'domain' };
}

/** The domain is after the last @ (RFC 5321 §4.1.2: a quoted local part may itself hold @). */
function emailHost(address: string): Host {
  const at = address.lastIndexOf('@');
  const host = (at < 0 ? address : address.slice(at + 1)).trim();
  if (host === '') return { reason: 'an e-mail address with nothing after the @' };
  return { host, kind: 'email' };
}

/** RFC 3986 §3.2: authority = [userinfo "@"] host [":" port], ended by / ? or #. */
function urlHost(url: string): Host {
  const rest = url.slice(url.indexOf('://') + 3);
  const authority = rest.split(/[/?#]/, 1)[0]!;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:\d*$/, '');
  if (host === '') return { reason: 'a URL with no host name' };
  return { host, kind: 'url' };
}
