/**
 * Human-readable rendering of results for the terminal. Text from audited domains is passed through
 * JSON escaping (quote) where it appears, so control characters cannot drive the terminal.
 */
import { severityRank, type Severity } from '../../shared/findings';
import type { DomainResult, MxHostResult } from '../../shared/types';
import { summariseResult, type ResultSummary } from '../../shared/result-summary';
import { OUTCOME_LABEL, resultOutcome } from '../../shared/outcome';
import { plainText } from '../../shared/plain-language';

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED ', low: 'LOW ', info: 'info' };

/**
 * Replaces what could drive or disguise a terminal line: C0/C1 controls (ESC sequences, and newlines that
 * would forge a line of output) and the bidirectional overrides that reorder how text is shown.
 */
export function safeText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/**
 * One JSON line for machine output. JSON.stringify escapes C0 controls but passes C1 controls, line
 * separators and bidi overrides through raw, which a terminal showing the output would still obey.
 */
export function jsonLine(value: unknown): string {
  const text = JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

function mxLine(h: MxHostResult): string {
  const parts: string[] = [];
  if (h.covered !== undefined) parts.push(h.covered ? `covered by ${safeText(h.coveringPattern ?? '')}` : 'NOT covered');
  const ok = h.probes.filter((p) => p.outcome === 'ok');
  if (h.probes.length > 0) {
    parts.push(ok.length === h.probes.length ? `STARTTLS ${ok[0]?.tls?.protocol ?? ''}`.trim() : `probe: ${[...new Set(h.probes.map((p) => p.outcome))].join('/')}`);
  }
  if (h.tlsa && h.tlsa.records.length > 0) parts.push(`TLSA ${h.tlsa.authenticated ? 'secure' : 'insecure'}${h.danePass === undefined ? '' : h.danePass ? ' match' : ' FAIL'}`);
  if (h.deliverable !== undefined) parts.push(h.deliverable ? 'deliverable' : 'UNDELIVERABLE');
  const addr = h.addresses.length ? ` (${h.addresses.join(', ')})` : ' (no address)';
  return `  MX ${h.preference} ${safeText(h.host)}${safeText(addr)}${parts.length ? `  [${parts.join(', ')}]` : ''}`;
}

/** "Mail at risk: No MX accepts mail under the enforced policy": the outcome and what decided it, in words. */
export function outcomeLine(r: DomainResult): string {
  const { outcome, decidedBy } = resultOutcome(r);
  const why = decidedBy.map((c) => plainText(c).title);
  return `${OUTCOME_LABEL[outcome]}${why.length ? `: ${why.slice(0, 3).join('; ')}${why.length > 3 ? ` (and ${why.length - 3} more)` : ''}` : ''}`;
}

export function formatResult(r: DomainResult): string {
  const policy = r.policy ? (r.policy.valid ? `  mode: ${r.policy.mode}  max_age: ${r.policy.maxAge}` : '  policy: invalid') : '';
  const lines = [`${safeText(r.domain || r.input)}  ${outcomeLine(r)}`, `  posture: ${r.posture}${policy}${r.stsRecord?.id ? `  id: ${safeText(r.stsRecord.id)}` : ''}`];
  for (const h of r.mx) lines.push(mxLine(h));
  if (r.smtpNotTested) lines.push(`  SMTP not tested: ${safeText(r.smtpNotTested)}`);
  const sorted = [...r.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  for (const f of sorted) lines.push(`  [${SEVERITY_LABEL[f.severity]}] ${plainText(f.code).title}  ${f.code}${f.line ? ` (line ${f.line})` : ''}: ${safeText(f.message)}`);
  return lines.join('\n');
}

/** "2/3": MX deliverable under the policy out of all; "-" when not known. */
function mxColumn(s: ResultSummary): string {
  if (s.mxCount === 0) return '-';
  return s.mxDeliverable === null ? `${s.mxCount}` : `${s.mxDeliverable}/${s.mxCount}`;
}

/** A fixed-width table of many results (demo, audit summary): posture, per-MX transport, counts, codes. */
export function formatTable(results: DomainResult[]): string {
  const width = Math.min(40, Math.max(6, ...results.map((r) => (r.domain || r.input).length)));
  const head = `${'domain'.padEnd(width)}  ${'outcome'.padEnd(17)}  ${'posture'.padEnd(8)}  ${'MX'.padEnd(5)}  ${'STARTTLS'.padEnd(12)}  ${'DANE'.padEnd(8)}  crit high  med  low  findings`;
  const rows = results.map((r) => {
    const s = summariseResult(r);
    const n = (sev: Severity) => String(s.counts[sev]).padStart(4);
    const codes = [...new Set(r.findings.filter((f) => f.severity !== 'info').map((f) => f.code))].join(' ');
    return `${safeText(r.domain || r.input).slice(0, width).padEnd(width)}  ${OUTCOME_LABEL[resultOutcome(r).outcome].padEnd(17)}  ${r.posture.padEnd(8)}  ${mxColumn(s).padEnd(5)}  ${s.starttls.padEnd(12)}  ${s.dane.padEnd(8)}  ${n('critical')} ${n('high')} ${n('medium')} ${n('low')}  ${codes}`;
  });
  return [head, '-'.repeat(head.length), ...rows].join('\n');
}

export function postureCounts(results: DomainResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.posture, (counts.get(r.posture) ?? 0) + 1);
  return [...counts].map(([p, n]) => `${p}: ${n}`).join(', ');
}
