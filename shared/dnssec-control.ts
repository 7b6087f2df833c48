/**
 * The DNSSEC control name: a name the resolver must answer with AD when it validates (the root on the
 * internet; an internal signed zone on networks that cannot reach the root). One rule for the CLI, the app's
 * form and the IPC boundary: the root ".", or a DNS name of letters, digits, hyphens and underscores
 * (RFC 1035 §2.3.4: labels of at most 63 octets, the name at most 253), an optional trailing dot.
 */
const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
export const DNSSEC_CONTROL_NAME = new RegExp(`^(?:\\.|${LABEL}(?:\\.${LABEL})*\\.?)$`);

export function isDnssecControlName(value: string): boolean {
  return value.length <= 253 && DNSSEC_CONTROL_NAME.test(value);
}

export const DNSSEC_CONTROL_HINT = 'a DNS name the resolver can validate, e.g. "." (the root) or an internal signed zone';
