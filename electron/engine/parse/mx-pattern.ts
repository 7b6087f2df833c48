/**
 * Name matching (CHECKS §2.5): policy `mx` patterns against MX host names (RFC 8461 §4.1) and certificate
 * dNSNames against a reference name (RFC 8461 §4.2, RFC 9525 §6.3). Both use "`*` is the whole left-most label
 * and stands for exactly one label".
 */
import { domainToASCII } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { isHostname, isIpLiteral } from './domain-name';

const lower = (s: string) => s.toLowerCase();
/** Longer than any host name (253) in any spelling; beyond it nothing is converted or matched. */
const MAX_HOST_INPUT = 1024;

/**
 * The MX host as compared (CHECKS §2.5): lower case, no trailing dot, U-labels turned into A-labels (the pattern
 * grammar allows only A-labels, so `mx.bücher.example` is compared as `mx.xn--bcher-kva.example`). A host with
 * `*` in it is no host name and matches nothing (RFC 8461 §4.1: the wildcard belongs to the pattern only).
 */
function hostKey(host: string): string | undefined {
  if (host.length > MAX_HOST_INPUT || host.includes('*')) return undefined;
  const h = lower(host).replace(/\.$/, '');
  if (h === '') return undefined;
  if (/^[\x00-\x7f]*$/.test(h)) return h;
  const ascii = domainToASCII(h);
  return ascii === '' ? undefined : ascii;
}

/** `["*."] domain`, A-labels only, no trailing dot, not an IP (RFC 8461 §3.2 grammar). */
export function isValidMxPattern(pattern: string): boolean {
  const base = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (base.includes('*') || isIpLiteral(base)) return false;
  return isHostname(base);
}

function wildcardParts(pattern: string, h: string): { suffix: string; prefix: string } | undefined {
  const suffix = lower(pattern.slice(2));
  if (!h.endsWith(`.${suffix}`)) return undefined;
  return { suffix, prefix: h.slice(0, -(suffix.length + 1)) };
}

/** RFC 8461 §4.1: exact match, or `*.S` matching exactly one non-empty label in front of S. */
export function matchMxPattern(pattern: string, host: string): boolean {
  if (!isValidMxPattern(pattern)) return false;
  const h = hostKey(host);
  if (h === undefined) return false;
  if (!pattern.startsWith('*.')) return lower(pattern) === h;
  const parts = wildcardParts(pattern, h);
  return !!parts && parts.prefix !== '' && !parts.prefix.includes('.');
}

/** True when `*.S` misses `host` only because `*` would have to match zero labels or several (MTASTS_MX_WILDCARD_DEPTH). */
export function wildcardDepthHint(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.') || !isValidMxPattern(pattern)) return false;
  const h = hostKey(host);
  if (h === undefined) return false;
  if (h === lower(pattern.slice(2))) return true;
  const parts = wildcardParts(pattern, h);
  return !!parts && parts.prefix.includes('.');
}

/** RFC 8461 §10.4: a wildcard directly under a public suffix (ICANN or private PSL section) lets strangers qualify. */
export function isTooBroad(pattern: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const suffix = lower(pattern.slice(2));
  const info = parseDomain(suffix, { allowPrivateDomains: true });
  return (info.isIcann === true || info.isPrivate === true) && info.publicSuffix === suffix;
}

/**
 * A certificate's presented dNSName against a reference identifier (RFC 9525 §6.3): case-insensitive, `*` only
 * as the entire left-most label matching exactly one label, never directly under a single-label suffix.
 */
export function certNameMatches(presented: string, reference: string): boolean {
  const p = lower(presented).replace(/\.$/, '');
  const r = lower(reference).replace(/\.$/, '');
  // The reference is a host name: one with `*` in it is matched by nothing (not even the same text).
  if (r.includes('*')) return false;
  if (!p.includes('*')) return p === r && p !== '';
  if (!p.startsWith('*.') || p.slice(2).includes('*')) return false;
  const suffix = p.slice(2);
  if (!suffix.includes('.')) return false;
  if (!r.endsWith(`.${suffix}`)) return false;
  const label = r.slice(0, -(suffix.length + 1));
  return label !== '' && !label.includes('.');
}
