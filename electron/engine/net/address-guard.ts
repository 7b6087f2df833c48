/**
 * Which addresses an internet sender could reach. Policy hosts and MX hosts that resolve only to
 * special-purpose addresses (RFC 6890 registries) are unreachable from the internet; the auditor refuses
 * to connect to them unless the configuration allows private targets (the lab, internal estates).
 */
import ipaddr from 'ipaddr.js';

const NON_GLOBAL_CIDRS = [
  // IPv4 special-purpose registry (RFC 6890 and updates)
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24',
  '224.0.0.0/4', '240.0.0.0/4',
  // IPv6 special-purpose registry
  '::/128', '::1/128', '::ffff:0:0/96', '64:ff9b:1::/48', '100::/64', '2001:db8::/32', '2001:2::/48', '2002::/16',
  'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8',
].map((c) => ipaddr.parseCIDR(c));
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/** True when the address is globally routable (not loopback, RFC 1918, ULA, link-local, CGNAT, documentation, ...). */
export function isGlobalAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && parsed.match(NAT64_WELL_KNOWN)) {
    // RFC 6052 §3.1: the well-known NAT64 prefix carries an IPv4 address in its last 32 bits; on a NAT64
    // network it reaches that IPv4 address, so it is only as global as the address it embeds.
    const p = (parsed as ipaddr.IPv6).parts;
    return isGlobalAddress(`${p[6]! >> 8}.${p[6]! & 0xff}.${p[7]! >> 8}.${p[7]! & 0xff}`);
  }
  return !NON_GLOBAL_CIDRS.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits));
}

export type AddressFilter = (address: string) => boolean;

type GuardSettings = { allowPrivate: boolean; privateAllowlist: string[] };

const filters = new WeakMap<GuardSettings, AddressFilter>();
const MAX_REMEMBERED = 50_000;

/**
 * The allowance of a run: global addresses always; others if allowed wholesale or listed. One filter per
 * settings object, remembering its verdicts: the same provider addresses come up for thousands of domains.
 */
export function addressFilter(settings: GuardSettings): AddressFilter {
  const known = filters.get(settings);
  if (known) return known;
  const allowed = settings.privateAllowlist.map((c) => ipaddr.parseCIDR(c));
  const judge = (a: string): boolean => {
    if (!ipaddr.isValid(a)) return false;
    if (settings.allowPrivate || isGlobalAddress(a)) return true;
    const parsed = ipaddr.parse(a);
    return allowed.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits));
  };
  const verdicts = new Map<string, boolean>();
  const filter: AddressFilter = (a) => {
    let v = verdicts.get(a);
    if (v === undefined) {
      v = judge(a);
      if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
      verdicts.set(a, v);
    }
    return v;
  };
  filters.set(settings, filter);
  return filter;
}
