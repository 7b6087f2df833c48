import type { Severity } from '../../shared/types';
import { formatInt } from '../format';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../labels';

/** Findings per severity as a row of figures. */
export function SeverityCounts({ counts }: { counts: Partial<Record<Severity, number>> }) {
  return (
    <ul className="severity-counts" aria-label="Findings by severity">
      {SEVERITY_ORDER.map((s) => (
        <li key={s} className={`sev-tile sev-${s}`}>
          <span className="sev-count">{formatInt(counts[s] ?? 0)}</span>
          <span className="sev-name">{SEVERITY_LABEL[s]}</span>
        </li>
      ))}
    </ul>
  );
}
