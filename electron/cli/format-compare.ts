/**
 * `compare` for people: the change classes counted first (CHECKS §7.3), then one block per domain that changed,
 * worst news first, with the outcome before and after and the problems fixed or new in plain titles.
 */
import { CHANGE_CLASSES, CHANGE_CLASS_LABEL, type DomainComparison } from '../../shared/changes';
import { plainText } from '../../shared/plain-language';
import { OUTCOME_LABEL } from '../../shared/outcome';
import { SEVERITY_LABEL } from '../../shared/labels';
import type { RunRecord } from '../../shared/types';
import { safeText } from './format';

const when = (r: RunRecord) => `${r.createdAt.slice(0, 16).replace('T', ' ')} UTC`;

function block(d: DomainComparison): string[] {
  const before = d.before ? OUTCOME_LABEL[d.before.outcome] : 'not in the list';
  const after = d.after ? OUTCOME_LABEL[d.after.outcome] : 'not in the list';
  const severity = d.severity ? ` [${SEVERITY_LABEL[d.severity]}]` : '';
  const lines = [`${safeText(d.domain)}  ${CHANGE_CLASS_LABEL[d.changeClass]}${severity}: ${before} → ${after}`];
  const delta = (label: string, f: DomainComparison['defectsNew'][number]) => `  ${label} ${plainText(f.code).title}${f.subject ? ` (${safeText(f.subject)})` : ''}  ${f.code}`;
  for (const f of d.defectsNew) lines.push(delta('new:  ', f));
  for (const f of d.defectsFixed) lines.push(delta('fixed:', f));
  if (d.transient) lines.push(`  could not look: ${d.transient.map((c) => plainText(c).title).join('; ')}`);
  for (const c of d.changes) lines.push(`  ${c.kind.padEnd(24)} ${safeText(c.detail)}`);
  return lines;
}

export function formatComparison(earlier: RunRecord, later: RunRecord, diffs: DomainComparison[], all: boolean): string {
  const counts = new Map(CHANGE_CLASSES.map((c) => [c, diffs.filter((d) => d.changeClass === c).length]));
  const lines = [
    `run ${earlier.id} (${when(earlier)}) → run ${later.id} (${when(later)}): ${diffs.length} domains`,
    ...CHANGE_CLASSES.filter((c) => counts.get(c)! > 0).map((c) => `  ${CHANGE_CLASS_LABEL[c].padEnd(22)} ${String(counts.get(c)).padStart(6)}`),
    '',
  ];
  const shown = diffs.filter((d) => all || d.changeClass !== 'unchanged' || d.changes.length > 0)
    .sort((a, b) => CHANGE_CLASSES.indexOf(a.changeClass) - CHANGE_CLASSES.indexOf(b.changeClass));
  for (const d of shown) lines.push(...block(d));
  return `${lines.join('\n')}\n`;
}
