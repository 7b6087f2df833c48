/**
 * The comparison of two audits as a CSV a client opens in Excel: one row per domain that changed, in the
 * order the app lists them (worst news first), with the change class, the outcome before and after, the
 * problems fixed and new by plain title, and what changed. Counts per class and per outcome come first as
 * a short header block. Text goes through cellText (no formulas, no controls), then RFC 4180 quoting.
 */
import fs from 'node:fs/promises';
import type { ComparisonView } from '../../shared/ipc';
import { CHANGE_CLASSES, CHANGE_CLASS_LABEL } from '../../shared/changes';
import { OUTCOMES, OUTCOME_LABEL } from '../../shared/outcome';
import { plainText } from '../../shared/plain-language';
import { cellText } from './report/xlsx/cell';

function field(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : cellText(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: (string | number)[]): string => cells.map(field).join(',');

export function comparisonCsv(view: ComparisonView): string {
  const { runA, runB, counts } = view;
  const out: string[] = [
    line(['Earlier audit', `${runA.name} (#${runA.id})`, runA.createdAt]),
    line(['Later audit', `${runB.name} (#${runB.id})`, runB.createdAt]),
    line(['Domains compared', counts.compared]),
    ...CHANGE_CLASSES.map((c) => line([CHANGE_CLASS_LABEL[c], counts[c]])),
    '',
    line(['Outcome', 'Earlier', 'Later']),
    ...OUTCOMES.map((o) => line([OUTCOME_LABEL[o], runA.outcomeCounts[o] ?? 0, runB.outcomeCounts[o] ?? 0])),
    '',
    line(['Domain', 'Change', 'Outcome before', 'Outcome after', 'Problems fixed', 'Problems new', 'What changed']),
  ];
  const titles = (ds: { code: Parameters<typeof plainText>[0]; subject?: string }[]) =>
    ds.map((d) => `${plainText(d.code).title}${d.subject ? ` (${d.subject})` : ''}`).join('; ');
  for (const r of view.rows) {
    out.push(line([
      r.domain, CHANGE_CLASS_LABEL[r.changeClass], r.before ? OUTCOME_LABEL[r.before.outcome] : '', r.after ? OUTCOME_LABEL[r.after.outcome] : '',
      titles(r.defectsFixed), titles(r.defectsNew), r.changes.map((c) => c.detail).join('; '),
    ]));
  }
  return out.join('\r\n') + '\r\n';
}

/** Written with a UTF-8 BOM, so Excel reads the accents and the arrows right. */
export async function writeComparisonCsv(view: ComparisonView, path: string): Promise<void> {
  await fs.writeFile(path, `\uFEFF${comparisonCsv(view)}`, 'utf8');
}
