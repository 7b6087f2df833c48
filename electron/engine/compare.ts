/**
 * What changed for a domain between two audits, and the two run-comparison findings of CHECKS §1.1:
 * a policy that changed under an unchanged id (RFC 8461 §3.1, §5.1: senders keep the old policy) and a
 * policy removed without the `mode: none` step (RFC 8461 §8.3: caches keep applying the old one).
 */
import type { DomainResult, Finding, Posture } from '../../shared/types';
import { parsePolicy } from './parse/policy';
import { finding } from './finding';

export type ChangeKind =
  | 'added' | 'removed' | 'posture-up' | 'posture-down' | 'posture-changed' | 'id-changed' | 'mode-changed' | 'max-age-changed'
  | 'mx-set-changed' | 'tlsrpt-added' | 'tlsrpt-removed' | 'id-not-updated' | 'removed-without-none' | 'id-bumped-without-change';

export interface Change {
  kind: ChangeKind;
  detail: string;
}

export interface DomainSnapshot {
  posture: Posture;
  id?: string;
  mode?: string;
  maxAge?: number;
  mx: string[];
  tlsrpt: boolean;
}

export interface DomainComparison {
  domain: string;
  before?: DomainSnapshot;
  after?: DomainSnapshot;
  changes: Change[];
  newFindings: string[];
  resolvedFindings: string[];
}

/** Higher is better protected; no-mail and error are not on the scale. */
const RANK: Partial<Record<Posture, number>> = { enforce: 5, testing: 4, none: 3, absent: 2, invalid: 1 };

export function snapshot(r: DomainResult): DomainSnapshot {
  return {
    posture: r.posture, id: r.stsRecord?.id, mode: r.policy?.valid ? r.policy.mode : undefined, maxAge: r.policy?.valid ? r.policy.maxAge : undefined,
    mx: [...(r.policy?.mx ?? [])].map((m) => m.toLowerCase()).sort(), tlsrpt: r.tlsrpt?.valid ?? false,
  };
}

/** The policy as senders cache it: mode, max_age, mx set and extensions (CHECKS MTASTS_DNS_ID_NOT_UPDATED). */
function policyKey(r: DomainResult): string | undefined {
  if (!r.policy?.valid || r.policy.text === undefined) return undefined;
  const p = parsePolicy(r.policy.text);
  const ext = Object.entries(p.extensions).map(([name, value]) => `${name}=${value}`).sort();
  return JSON.stringify([p.mode, p.maxAge, [...new Set(p.mx.map((m) => m.toLowerCase()))].sort(), ext]);
}

/** Findings that only a comparison with the previous audit of the same domain can raise. */
export function comparisonFindings(prev: DomainResult, cur: DomainResult): Finding[] {
  const out: Finding[] = [];
  const before = policyKey(prev);
  const after = policyKey(cur);
  const sameId = prev.stsRecord?.id !== undefined && prev.stsRecord.id === cur.stsRecord?.id;
  if (before && after && before !== after && sameId && cur.stsRecord?.valid) {
    out.push(finding('MTASTS_DNS_ID_NOT_UPDATED', `the policy changed since the previous audit (${describePolicyDiff(prev, cur)}) but the id is still ${cur.stsRecord?.id}`));
  }
  const wasActive = prev.posture === 'enforce' || prev.posture === 'testing';
  const gone = cur.posture === 'absent' || cur.posture === 'invalid';
  if (wasActive && gone) {
    out.push(finding('MTASTS_DNS_REMOVED_WITHOUT_NONE', `the previous audit saw mode ${prev.posture} (max_age ${prev.policy?.maxAge ?? '?'}); now the posture is ${cur.posture} without a mode none step`));
  }
  return out;
}

function describePolicyDiff(prev: DomainResult, cur: DomainResult): string {
  const parts: string[] = [];
  if (prev.policy?.mode !== cur.policy?.mode) parts.push(`mode ${prev.policy?.mode} → ${cur.policy?.mode}`);
  if (prev.policy?.maxAge !== cur.policy?.maxAge) parts.push(`max_age ${prev.policy?.maxAge} → ${cur.policy?.maxAge}`);
  const a = snapshot(prev).mx.join(' ');
  const b = snapshot(cur).mx.join(' ');
  if (a !== b) parts.push(`mx ${a || '-'} → ${b || '-'}`);
  return parts.join(', ') || 'extension fields';
}

function postureChange(a: Posture, b: Posture): Change | undefined {
  if (a === b) return undefined;
  const ra = RANK[a];
  const rb = RANK[b];
  if (ra === undefined || rb === undefined) return { kind: 'posture-changed', detail: `${a} → ${b}` };
  return { kind: rb > ra ? 'posture-up' : 'posture-down', detail: `${a} → ${b}` };
}

function fieldChanges(a: DomainSnapshot, b: DomainSnapshot): Change[] {
  const out: Change[] = [];
  if (a.id !== b.id) out.push({ kind: 'id-changed', detail: `${a.id ?? '-'} → ${b.id ?? '-'}` });
  if (a.mode !== b.mode) out.push({ kind: 'mode-changed', detail: `${a.mode ?? '-'} → ${b.mode ?? '-'}` });
  if (a.maxAge !== b.maxAge) out.push({ kind: 'max-age-changed', detail: `${a.maxAge ?? '-'} → ${b.maxAge ?? '-'}` });
  if (a.mx.join(' ') !== b.mx.join(' ')) out.push({ kind: 'mx-set-changed', detail: `${a.mx.join(' ') || '-'} → ${b.mx.join(' ') || '-'}` });
  if (a.tlsrpt !== b.tlsrpt) out.push({ kind: b.tlsrpt ? 'tlsrpt-added' : 'tlsrpt-removed', detail: b.tlsrpt ? 'TLS-RPT now published' : 'TLS-RPT no longer usable' });
  return out;
}

export function compareDomain(domain: string, prev: DomainResult | undefined, cur: DomainResult | undefined): DomainComparison {
  if (!prev || !cur) {
    const only = (prev ?? cur)!;
    return { domain, before: prev && snapshot(prev), after: cur && snapshot(cur), changes: [{ kind: cur ? 'added' : 'removed', detail: cur ? 'not in the earlier run' : 'not in the later run' }], newFindings: cur ? codes(only) : [], resolvedFindings: prev ? codes(only) : [] };
  }
  const before = snapshot(prev);
  const after = snapshot(cur);
  const changes: Change[] = [];
  const p = postureChange(before.posture, after.posture);
  if (p) changes.push(p);
  changes.push(...fieldChanges(before, after));
  for (const f of comparisonFindings(prev, cur)) {
    changes.push({ kind: f.code === 'MTASTS_DNS_ID_NOT_UPDATED' ? 'id-not-updated' : 'removed-without-none', detail: f.message });
  }
  const pk = policyKey(prev);
  if (before.id !== after.id && pk !== undefined && pk === policyKey(cur)) changes.push({ kind: 'id-bumped-without-change', detail: `id ${before.id} → ${after.id} with an identical policy` });
  const a = new Set(codes(prev));
  const b = new Set(codes(cur));
  return { domain, before, after, changes, newFindings: [...b].filter((c) => !a.has(c)), resolvedFindings: [...a].filter((c) => !b.has(c)) };
}

function codes(r: DomainResult): string[] {
  return [...new Set(r.findings.map((f) => f.code))].sort();
}
