/**
 * What the audit saw of each MX host, reduced to the questions the actions ask: which hosts a policy must
 * list, and which would pass a strict sender's checks today (STARTTLS with a valid certificate, and DANE
 * where DANE applies, CHECKS §3.7).
 */
import type { DomainResult, MxHostResult } from '../../../shared/types';
import { isIpLiteral } from '../parse/domain-name';

/** The MX host names a policy lists: every named MX (the domain itself for an implicit MX), never an IP literal. */
export function policyHosts(r: DomainResult): MxHostResult[] {
  if (r.mxKind !== 'explicit' && r.mxKind !== 'implicit') return [];
  const seen = new Set<string>();
  return r.mx.filter((h) => {
    const name = h.host.toLowerCase();
    if (name === '' || name === '.' || isIpLiteral(name) || seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

/** The host would pass a strict sender's checks under enforce, coverage aside. Unknown (not probed) is not a pass. */
export function hostPasses(h: MxHostResult): boolean {
  return h.addresses.length > 0 && h.starttlsOk === true && h.danePass !== false;
}

/** The domain receives mail through named hosts the audit could look at. */
export function receivesMail(r: DomainResult): boolean {
  return (r.mxKind === 'explicit' || r.mxKind === 'implicit') && r.posture !== 'no-mail' && r.posture !== 'error';
}
