import type { Finding } from '../../shared/types';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../labels';

/** "1 high · 2 medium" beside a heading: how many problems of each severity, worst first. */
export function ProblemSummary({ problems }: { problems: Finding[] }) {
  const parts = SEVERITY_ORDER.map((s) => ({ s, n: problems.filter((f) => f.severity === s).length })).filter((p) => p.n > 0);
  if (parts.length === 0) return null;
  return (
    <span className="problem-summary">
      {parts.map(({ s, n }) => <span key={s} className={`sev-dot-label sev-text-${s}`}><span className={`sev-dot sev-bg-${s}`} aria-hidden="true" />{n} {SEVERITY_LABEL[s].toLowerCase()}</span>)}
    </span>
  );
}
