/**
 * What DNSSEC says about the domain, as far as a stub can tell: the AD bit of a validating resolver
 * (RFC 4035 §3.2.3, RFC 6840 §5.8). Whether the resolver validates at all is learnt from what it answers:
 * a control name known to be signed (the root on the internet) asked once per run, and every answer of the
 * audit, since AD on any answer proves the resolver validates. A control query that fails (a validating
 * resolver that cannot reach the root, on internal or air-gapped networks) proves nothing either way: that
 * is "unknown", never "not validating". Without proof, every DNSSEC-dependent result is "not tested"
 * (RFC 7672 §2.1.1).
 */
import type { DnsAnswer, DnssecResolverEvidence, Finding } from '../../../shared/types';
import type { DnsLookup } from '../net/dns';
import { describeOutcome, finding } from '../finding';
import { isLookupFailure } from '../net/dns-answers';

/** What the control query showed: AD set, answered without AD, or no answer at all (time-out, SERVFAIL). */
export type ControlOutcome = 'validates' | 'not-validating' | 'failed';

export interface ControlResult {
  outcome: ControlOutcome;
  /** How the query ended, for the finding's words (e.g. "SERVFAIL"). */
  ended: string;
}

/**
 * How a domain's audit judged the resolver: what the control said, and whether it validates after all (the
 * control query set AD, or some answer of the run did). Recorded as the result's evidence.resolver.
 */
export type ResolverStatus = DnssecResolverEvidence;

export async function controlQuery(dns: DnsLookup, controlName: string): Promise<ControlResult> {
  const a = await dns.query(controlName, 'SOA');
  if (isLookupFailure(a)) return { outcome: 'failed', ended: a.rcode ?? describeOutcome(a.outcome) };
  return { outcome: a.authenticated ? 'validates' : 'not-validating', ended: a.rcode ?? 'NOERROR' };
}

/**
 * One resolver's standing for the run. The control query is asked once, not once per domain; a failed one
 * is asked again by the next domain, or one lost packet would switch DNSSEC and DANE off for the whole run.
 * Once any answer carries AD, the resolver is known to validate for the rest of the run.
 */
export class ResolverValidation {
  private settled?: Promise<ControlResult>;
  /** Some answer of this run carried AD. */
  proven = false;

  constructor(private readonly dns: DnsLookup, private readonly controlName: string) {}

  control(): Promise<ControlResult> {
    if (this.settled) return this.settled;
    const asked = controlQuery(this.dns, this.controlName);
    this.settled = asked;
    void asked.then((r) => {
      if (r.outcome === 'failed' && this.settled === asked) this.settled = undefined;
    });
    return asked;
  }

  /** Learns from answers of an audit: AD on any of them proves the resolver validates (RFC 4035 §3.2.3). */
  learn(answers: readonly DnsAnswer[]): void {
    if (answers.some((a) => a.authenticated)) this.proven = true;
  }
}

const perResolver = new WeakMap<DnsLookup, Map<string, ResolverValidation>>();

/** The run's standing of this resolver for this control name (shared by every domain of the run). */
export function resolverValidation(dns: DnsLookup, controlName: string): ResolverValidation {
  let byName = perResolver.get(dns);
  if (!byName) perResolver.set(dns, (byName = new Map()));
  let v = byName.get(controlName);
  if (!v) byName.set(controlName, (v = new ResolverValidation(dns, controlName)));
  return v;
}

/** The domain's DNSSEC finding from the MX answer's AD bit and the resolver's standing (RFC 4035 §3.2.3). */
export function judgeDnssec(mxAnswer: DnsAnswer, resolver: ResolverStatus, controlName: string): Finding[] {
  const { control } = resolver;
  if (!resolver.validates) {
    return control.outcome === 'failed'
      ? [finding('DNSSEC_RESOLVER_UNKNOWN', `the DNSSEC control query for ${controlName} at ${mxAnswer.server} ended in ${control.ended}, and no answer carried AD: whether the resolver validates is unknown, so DNSSEC and DANE are not tested`)]
      : [finding('DNSSEC_RESOLVER_NOT_VALIDATING', `the resolver (${mxAnswer.server}) answered the DNSSEC control query for ${controlName} without AD, and no answer carried AD: DNSSEC and DANE are not tested`)];
  }
  const how = control.outcome === 'validates'
    ? ''
    : `; the control query for ${controlName} ${control.outcome === 'failed' ? `ended in ${control.ended}` : 'had no AD'}, but answers with AD show that the resolver validates`;
  return mxAnswer.authenticated
    ? [finding('DNSSEC_SIGNED', `the MX answer for ${mxAnswer.name} is DNSSEC-secure (AD set by ${mxAnswer.server})${how}`)]
    : [finding('DNSSEC_UNSIGNED', `the MX answer for ${mxAnswer.name} is not DNSSEC-secure${how}`)];
}
