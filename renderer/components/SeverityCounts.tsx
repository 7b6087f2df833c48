import type { Severity } from '../../shared/types';
import { formatInt } from '../format';
import { SEVERITY_LABEL } from '../labels';

const TILES: readonly (Exclude<Severity, 'info'> | 'none')[] = ['critical', 'high', 'medium', 'low', 'none'];

/**
 * Domains by their worst problem, one tile each: every domain is counted once, so the tiles add up to the
 * domains audited. A figure never clips: the tiles wrap and the number shrinks before it is cut.
 */
export function SeverityCounts({ counts }: { counts: Partial<Record<Severity | 'none', number>> }) {
  return (
    <ul className="severity-counts" aria-label="Domains by worst problem">
      {TILES.map((s) => (
        <li key={s} className={`sev-tile sev-${s === 'none' ? 'info' : s}`}>
          <span className="sev-count">{formatInt(counts[s] ?? 0)}</span>
          <span className="sev-name">{s === 'none' ? 'No problem' : SEVERITY_LABEL[s]}</span>
        </li>
      ))}
    </ul>
  );
}
