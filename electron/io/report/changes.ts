/**
 * Comparison with the previous audit for results that are not in the store (the memory source): the engine's
 * compareDomain applied in the order and with the rules of run-service's compareRuns (the later run's order,
 * the first entry of a domain listed twice, then the domains only in the earlier run), keeping only a slim
 * copy of each earlier result. compareDomain reads the posture, the STS record, the policy, TLS-RPT and the
 * finding codes, never the MX probes or the raw evidence, which are what make a result large.
 */
import type { DomainResult } from '../../../shared/types';
import { compareDomain, type DomainComparison } from '../../engine/compare';
import { CHANGE_CLASSES, type ChangeClass } from '../../../shared/changes';

function slim(r: DomainResult): DomainResult {
  return {
    ...r,
    mx: [],
    evidence: { dns: [] },
    findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: '' })),
  };
}

export function* compareStreams(before: Iterable<DomainResult>, after: () => Iterable<DomainResult>): Generator<DomainComparison> {
  const earlier = new Map<string, DomainResult>();
  for (const r of before) if (r.domain && !earlier.has(r.domain)) earlier.set(r.domain, slim(r));
  const seen = new Set<string>();
  for (const r of after()) {
    if (!r.domain || seen.has(r.domain)) continue;
    seen.add(r.domain);
    yield compareDomain(r.domain, earlier.get(r.domain), r);
  }
  for (const [domain, r] of earlier) if (!seen.has(domain)) yield compareDomain(domain, r, undefined);
}

export interface ChangeTally {
  /** Domains per change class (CHECKS §7.3). */
  classes: Record<ChangeClass, number>;
  /** Defects gone and appeared, counted only on domains in both audits: a dropped domain fixes nothing. */
  defectsFixed: number;
  defectsNew: number;
  idNotUpdated: number;
  removedWithoutNone: number;
}

/** Headline counts of a comparison, for the executive summary. */
export function tallyChanges(comparisons: Iterable<DomainComparison>): ChangeTally {
  const classes = Object.fromEntries(CHANGE_CLASSES.map((c) => [c, 0])) as Record<ChangeClass, number>;
  const t: ChangeTally = { classes, defectsFixed: 0, defectsNew: 0, idNotUpdated: 0, removedWithoutNone: 0 };
  for (const c of comparisons) {
    classes[c.changeClass]++;
    const kinds = new Set(c.changes.map((x) => x.kind));
    if (kinds.has('id-not-updated')) t.idNotUpdated++;
    if (kinds.has('removed-without-none')) t.removedWithoutNone++;
    if (c.changeClass === 'could-not-compare') continue;
    t.defectsFixed += c.defectsFixed.length;
    t.defectsNew += c.defectsNew.length;
  }
  return t;
}
