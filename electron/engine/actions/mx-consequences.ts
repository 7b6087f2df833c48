/**
 * Domain-level findings that follow from one MX host's defect (RFC 8461 §5; RFC 7672 §2.2): which of them an
 * action on that host ends. UNDELIVERABLE names the host; NONE_DELIVERABLE ends once any covered host passes;
 * TESTING_WOULD_FAIL and ALL_MX_FAIL end only when this host was the last one failing.
 */
import type { FindingCode } from '../../../shared/findings';
import type { MxHostResult } from '../../../shared/types';
import type { ActionContext } from './action-context';
import { hostPasses, policyHosts } from './mx-state';

export function consequences(ctx: ActionContext, h: MxHostResult): FindingCode[] {
  const out: FindingCode[] = [...ctx.present(['MTASTS_MX_UNDELIVERABLE', 'DANE_MTASTS_CONFLICT'], h.host)];
  const others = policyHosts(ctx.r).filter((x) => x.host.toLowerCase() !== h.host.toLowerCase());
  if (h.covered !== false) out.push(...ctx.present(['MTASTS_MX_NONE_DELIVERABLE']));
  if (h.covered !== false && others.every((x) => x.covered !== false && hostPasses(x))) out.push(...ctx.present(['MTASTS_MX_TESTING_WOULD_FAIL']));
  if (others.every((x) => x.danePass !== false)) out.push(...ctx.present(['DANE_ALL_MX_FAIL']));
  return out;
}

/** The leaf certificate the host served (first probe with TLS), if any. */
export function servedLeaf(h: MxHostResult) {
  return h.probes.find((p) => p.tls?.chain.length)?.tls?.chain[0];
}
