/**
 * The policy file a domain should serve next (RFC 8461 §3.2): its real MX hosts, the mode to use next and a
 * max_age to start with. The choices (docs/DECISIONS.md, "Actions"):
 * - mx: the domain's real MX hosts. A pattern already published stays when it matches a current MX host
 *   (RFC 8461 §4.1: a wildcard stands for exactly one label) and does not sit under a public suffix (§10.4);
 *   every MX host left uncovered is added by its exact name. A wildcard is never invented: it would also
 *   admit hosts the domain does not use.
 * - mode: enforce only when the domain already enforces (and at least one MX passes, so mail keeps flowing),
 *   or meant to (an invalid enforce policy) with every MX passing; testing otherwise: when starting, and as
 *   the way to stop bounces at once when no MX passes (senders re-fetch when the id changes, §5.1).
 * - max_age: the current value when it is sensible for the mode, else one week for testing (the shortest
 *   value that is not flagged as short, so a mistake ages out quickly) and two weeks for enforce (the low end
 *   of the catalogue's 1209600–31557600 once the policy is stable).
 */
import type { DomainResult, MxHostResult } from '../../../shared/types';
import { isTooBroad, isValidMxPattern, matchMxPattern } from '../parse/mx-pattern';
import { MAX_AGE_LIMIT, MAX_AGE_SHORT } from '../parse/policy';
import { hostPasses, policyHosts } from './mx-state';

export const TESTING_MAX_AGE = MAX_AGE_SHORT;
export const ENFORCE_MAX_AGE = 1_209_600;
/** After `mode: none`, how long senders keep the withdrawal (RFC 8461 §8.3: short, so removal can follow soon). */
export const RETIRE_MAX_AGE = 86_400;

export type NextMode = 'enforce' | 'testing' | 'none';

export interface ProposedPolicy {
  mode: NextMode;
  mx: string[];
  maxAge: number;
  text: string;
}

export function policyText(mode: NextMode, mx: readonly string[], maxAge: number): string {
  return ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\n');
}

/**
 * The mx lines: the patterns already published that match a current MX host and do not sit under a public
 * suffix, in their order, then the exact name of every MX host none of them covers, in MX preference order.
 */
export function proposeMx(r: DomainResult): string[] {
  const hosts = policyHosts(r).map((h) => h.host.toLowerCase());
  if (hosts.length === 0) return [];
  const kept = [...new Set((r.policy?.mx ?? []).map((p) => p.toLowerCase()))]
    .filter((p) => isValidMxPattern(p) && !isTooBroad(p) && hosts.some((h) => matchMxPattern(p, h)));
  return [...kept, ...hosts.filter((h) => !kept.some((p) => matchMxPattern(p, h)))];
}

function covered(h: MxHostResult, mx: readonly string[]): boolean {
  return mx.some((p) => matchMxPattern(p, h.host));
}

export function proposeMode(r: DomainResult, mx: readonly string[]): 'enforce' | 'testing' {
  const hosts = policyHosts(r);
  const passing = hosts.filter((h) => covered(h, mx) && hostPasses(h));
  if (r.posture === 'enforce') return passing.length > 0 ? 'enforce' : 'testing';
  if (r.posture === 'invalid' && r.policy?.mode === 'enforce') return hosts.length > 0 && passing.length === hosts.length ? 'enforce' : 'testing';
  return 'testing';
}

export function proposeMaxAge(mode: NextMode, current?: number): number {
  if (mode === 'none') return RETIRE_MAX_AGE;
  const floor = mode === 'enforce' ? ENFORCE_MAX_AGE : TESTING_MAX_AGE;
  return current !== undefined && current >= floor && current <= MAX_AGE_LIMIT ? current : floor;
}

export function proposePolicy(r: DomainResult, mode?: NextMode): ProposedPolicy {
  const mx = proposeMx(r);
  const next = mode ?? proposeMode(r, mx);
  const maxAge = proposeMaxAge(next, r.policy?.valid ? r.policy.maxAge : undefined);
  return { mode: next, mx: next === 'none' ? [] : mx, maxAge, text: policyText(next, next === 'none' ? [] : mx, maxAge) };
}

/** The proposal equals what is served now, field by field (the file parsed valid with nothing to fix in it). */
export function sameAsServed(r: DomainResult, p: ProposedPolicy): boolean {
  const cur = r.policy;
  if (!cur?.valid || cur.mode !== p.mode || cur.maxAge !== p.maxAge) return false;
  const a = [...cur.mx].map((m) => m.toLowerCase()).sort();
  const b = [...p.mx].sort();
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

export function coveredBy(h: MxHostResult, mx: readonly string[]): boolean {
  return covered(h, mx);
}
