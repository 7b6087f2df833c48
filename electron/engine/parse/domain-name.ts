/**
 * Host-name normalisation and shape checks (RFC 1123 §2.1 LDH labels, RFC 5890 A-labels, RFC 1035 length limits).
 * Every domain the engine audits, and every MX host it compares, goes through here first.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const MAX_NAME = 253;
const MAX_INPUT = 1024;

export type NormalisedDomain = { ok: true; domain: string } | { ok: false; reason: string };

/** LDH host name: 1–63 octet labels, no leading/trailing hyphen, at most 253 octets, no trailing dot. */
export function isHostname(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME) return false;
  return name.split('.').every((label) => LABEL.test(label));
}

/** An IPv4/IPv6 address written where a host name belongs (`192.0.2.1`, `[2001:db8::1]`, with or without a trailing dot). */
export function isIpLiteral(name: string): boolean {
  const bare = name.replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) !== 0;
}

/**
 * Trim, lower-case, strip one trailing dot, convert IDN U-labels to A-labels; then insist on a multi-label
 * host name. The reason is written for the person who typed the list.
 */
export function normaliseDomain(input: string): NormalisedDomain {
  if (typeof input !== 'string') return { ok: false, reason: 'not text' };
  if (input.length > MAX_INPUT) return { ok: false, reason: `longer than ${MAX_INPUT} characters` };
  let name = input.trim();
  if (name === '') return { ok: false, reason: 'empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return { ok: false, reason: 'a URL, not a domain name (give the host name only)' };
  if (name.includes('@')) return { ok: false, reason: 'an e-mail address, not a domain name' };
  if (/[\s/\\?#]/.test(name)) return { ok: false, reason: 'contains spaces or URL characters' };
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.endsWith('.')) return { ok: false, reason: 'ends with more than one dot' };
  if (isIpLiteral(name)) return { ok: false, reason: 'an IP address, not a domain name' };
  const ascii = /^[\x21-\x7e]*$/.test(name) ? name.toLowerCase() : domainToASCII(name.toLowerCase());
  if (!ascii) return { ok: false, reason: 'not a valid internationalised domain name' };
  if (ascii.length > MAX_NAME) return { ok: false, reason: `longer than ${MAX_NAME} characters` };
  const labels = ascii.split('.');
  if (labels.some((l) => l === '')) return { ok: false, reason: 'has an empty label (two dots in a row)' };
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) return { ok: false, reason: `label ${JSON.stringify(bad.slice(0, 64))} is not letters, digits and inner hyphens (1–63 characters)` };
  if (labels.length < 2) return { ok: false, reason: 'a single label, not a domain name' };
  if (/^\d+$/.test(labels[labels.length - 1]!)) return { ok: false, reason: 'the top-level label is numeric' };
  return { ok: true, domain: ascii };
}
