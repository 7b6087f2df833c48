/**
 * What every action builder reads: the result, its findings by code and subject, and the one fresh id all of
 * a domain's actions share (a policy change and a record fix must not propose two different ids).
 */
import type { Action, ActionKind, ActionStage, Publish } from '../../../shared/actions';
import type { FindingCode } from '../../../shared/findings';
import type { DomainResult, Finding } from '../../../shared/types';
import { freshId } from './fresh-id';
import { severityOf, unique, worstSeverity } from './plain';

export interface ActionContext {
  r: DomainResult;
  domain: string;
  /** The id the next _mta-sts record carries. */
  id: string;
  has(code: FindingCode): boolean;
  /** Findings with this code (optionally about this subject). */
  all(code: FindingCode, subject?: string): Finding[];
  /** The codes present among `codes`. */
  present(codes: readonly FindingCode[], subject?: string): FindingCode[];
}

export function actionContext(r: DomainResult, now: Date): ActionContext {
  const all = (code: FindingCode, subject?: string) =>
    r.findings.filter((f) => f.code === code && (subject === undefined || f.subject?.toLowerCase() === subject.toLowerCase()));
  return {
    r,
    domain: r.domain,
    id: freshId(now, r.stsRecord?.id),
    has: (code) => r.findings.some((f) => f.code === code),
    all,
    present: (codes, subject) => codes.filter((c) => all(c, subject).length > 0),
  };
}

/** Findings that cut mail off for part of the MX set or all of it: fixing them restores delivery. */
const DELIVERY: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'MTASTS_MX_NOT_COVERED', 'MTASTS_MX_UNDELIVERABLE', 'DANE_STARTTLS_MISSING', 'DANE_TLSA_NO_MATCH', 'DANE_TLSA_LOOKUP_FAILED',
  'DANE_TA_NOT_IN_CHAIN', 'DANE_TA_NAME_MISMATCH', 'DANE_ROLLOVER_INCONSISTENT', 'MX_TARGET_NO_ADDRESS', 'MX_TARGET_LOOKUP_FAILED',
  'STARTTLS_INCONSISTENT', 'MX_LOOKUP_FAILED',
]);

/** Kinds that publish or complete a protection: never mere tidying, whatever the severity they resolve. */
const PROTECTING: ReadonlySet<ActionKind> = new Set<ActionKind>(['policy-file', 'sts-record', 'mode-enforce', 'tlsrpt-record', 'id-bump', 'retire']);

export function stageOf(kind: ActionKind, resolves: readonly FindingCode[]): ActionStage {
  if (resolves.some((c) => severityOf(c) === 'critical' || DELIVERY.has(c))) return 'restore';
  if (PROTECTING.has(kind) || resolves.some((c) => severityOf(c) === 'high' || severityOf(c) === 'medium')) return 'protect';
  return 'hygiene';
}

export interface ActionDraft {
  kind: ActionKind;
  rootCause: string;
  title: string;
  why: string;
  steps: string[];
  publish?: Publish[];
  resolves: FindingCode[];
  hosts?: string[];
  stage?: ActionStage;
}

export function makeAction(d: ActionDraft): Action {
  const resolves = unique(d.resolves);
  return {
    kind: d.kind,
    stage: d.stage ?? stageOf(d.kind, resolves),
    rootCause: d.rootCause,
    title: d.title,
    why: d.why,
    steps: d.steps,
    publish: d.publish ?? [],
    resolves,
    severity: worstSeverity(resolves),
    hosts: unique((d.hosts ?? []).map((h) => h.toLowerCase())),
  };
}

export function stsTxt(ctx: ActionContext): Publish {
  return { kind: 'dns-txt', name: `_mta-sts.${ctx.domain}`, value: `v=STSv1; id=${ctx.id}` };
}

export function policyUrl(domain: string): string {
  return `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
}

/** The TXT texts published at `name`, as found in the evidence (strings joined, RFC 8461 §3.1). */
export function txtAt(r: DomainResult, name: string): string[] {
  const a = r.evidence.dns.find((x) => x.name.toLowerCase() === name.toLowerCase() && x.type === 'TXT');
  return (a?.records ?? []).flatMap((rec) => (rec.type === 'TXT' ? [rec.strings.join('')] : []));
}
