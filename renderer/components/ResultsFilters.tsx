import type { FindingCount } from '../../shared/ipc';
import type { Posture, Severity } from '../../shared/types';
import type { Outcome } from '../../shared/outcome';
import { POSTURE_LABEL, POSTURE_ORDER, SEVERITY_LABEL, SEVERITY_ORDER } from '../labels';

export interface Filters {
  search: string;
  outcome?: Outcome;
  posture?: Posture;
  severity?: Severity;
  code?: string;
}

interface Props {
  filters: Filters;
  codes: FindingCount[];
  onChange(f: Filters): void;
}

/** Search, posture, severity and finding-code filters of the results table. */
export function ResultsFilters({ filters, codes, onChange }: Props) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const any = filters.search || filters.outcome || filters.posture || filters.severity || filters.code;
  return (
    <div className="filters" role="search">
      <input type="search" className="search" placeholder="Search domains…" aria-label="Search results"
        value={filters.search} onChange={(e) => set({ search: e.target.value })} />
      <select aria-label="Filter by posture" value={filters.posture ?? ''} onChange={(e) => set({ posture: (e.target.value || undefined) as Posture | undefined })}>
        <option value="">All postures</option>
        {POSTURE_ORDER.map((p) => <option key={p} value={p}>{POSTURE_LABEL[p]}</option>)}
      </select>
      <select aria-label="Filter by severity" value={filters.severity ?? ''} onChange={(e) => set({ severity: (e.target.value || undefined) as Severity | undefined })}>
        <option value="">Any severity</option>
        {SEVERITY_ORDER.map((s) => <option key={s} value={s}>{SEVERITY_LABEL[s]} or worse</option>)}
      </select>
      <select aria-label="Filter by finding" className="code-select" value={filters.code ?? ''} onChange={(e) => set({ code: e.target.value || undefined })}>
        <option value="">Any finding</option>
        {codes.map((c) => <option key={c.code} value={c.code}>{c.code} ({c.count})</option>)}
      </select>
      {any && <button type="button" className="btn btn-quiet" onClick={() => onChange({ search: '' })}>Clear filters</button>}
    </div>
  );
}
