/**
 * The finding catalogue as typed data: the single source of every code's severity, title, description, RFC
 * reference and remediation, shared by the engine, the UI, the workbook and the PDF. The rows are generated from
 * docs/CHECKS.md (build/tools/gen-catalogue.py); the two engine-level codes below are ours.
 */
import { CATALOGUE_ROWS } from './catalogue-data';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Postures in CHECKS.md precedence order (earlier wins when several apply), then the policy modes. */
export const POSTURES = ['no-mail', 'error', 'absent', 'invalid', 'none', 'testing', 'enforce'] as const;
export type Posture = (typeof POSTURES)[number];

export type FindingGroup =
  | 'MTASTS_DNS' | 'MTASTS_HTTPS' | 'MTASTS_POLICY' | 'MTASTS_MODE' | 'MTASTS_MX'
  | 'TLSRPT' | 'MX' | 'STARTTLS' | 'DANE' | 'DNSSEC' | 'AUDIT';

export interface CatalogueEntry {
  code: string;
  group: FindingGroup;
  severity: Severity;
  /** Short label for tables and headings (≤ 60 characters, plain English; see build/tools/gen-catalogue.py). */
  title: string;
  /** When the finding triggers, as the spec words it. */
  description: string;
  ref: string;
  /** What to do; empty for pure facts. */
  remediation: string;
  /** Posture this finding forces, when it forces one ([P:x] in CHECKS.md). */
  posture?: Posture;
  /** Needs a stored previous run; never raised by a single audit. */
  runComparison?: true;
}

/** Codes the engine itself needs beyond CHECKS.md: an input that is no host name, and a bug caught per domain. */
const AUDIT_ROWS = [
  {
    code: 'AUDIT_DOMAIN_INVALID', group: 'AUDIT', severity: 'high', title: 'Input is not a domain name',
    description: 'The input is not a host name after normalisation (trim, lower-case, one trailing dot, IDN to A-label).',
    ref: 'RFC 1123 §2.1; RFC 5890', remediation: 'Correct the domain in the imported list.', posture: 'error',
  },
  {
    code: 'AUDIT_INTERNAL_ERROR', group: 'AUDIT', severity: 'high', title: 'Audit of this domain stopped on an internal error',
    description: 'The audit of this domain stopped on an unexpected error; the other domains were not affected.',
    ref: '—', remediation: 'Re-run the audit; report the message if it persists.', posture: 'error',
  },
] as const;

type Row = (typeof CATALOGUE_ROWS)[number] | (typeof AUDIT_ROWS)[number];
export type FindingCode = Row['code'];

const ROWS: readonly CatalogueEntry[] = [...CATALOGUE_ROWS, ...AUDIT_ROWS] as readonly CatalogueEntry[];

export const FINDING_CODES: readonly FindingCode[] = ROWS.map((r) => r.code as FindingCode);

export const CATALOGUE: Readonly<Record<FindingCode, CatalogueEntry>> = Object.freeze(
  Object.fromEntries(ROWS.map((r) => [r.code, Object.freeze(r)])) as Record<FindingCode, CatalogueEntry>,
);

export function isFindingCode(value: unknown): value is FindingCode {
  return typeof value === 'string' && Object.hasOwn(CATALOGUE, value);
}

export function catalogueEntry(code: FindingCode): CatalogueEntry {
  const entry = CATALOGUE[code];
  if (!entry) throw new Error(`unknown finding code ${code}`);
  return entry;
}

/** 0 for critical … 4 for info: sort ascending to put the worst first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
