import type { FindingCount, TagGroup } from '../../shared/ipc';
import type { Posture, Severity } from '../../shared/types';
import type { Outcome } from '../../shared/outcome';
import { plainText } from '../../shared/plain-language';
import type { TagFilter } from '../../shared/tags';
import { TagFilterSelects } from './TagFilterSelects';
import { POSTURE_LABEL, POSTURE_ORDER, SEVERITY_LABEL, SEVERITY_ORDER } from '../labels';

export interface Filters {
  search: string;
  outcome?: Outcome;
  posture?: Posture;
  severity?: Severity;
  code?: string;
  /** An imported tag and one of its values ('' = rows without that tag). */
  tag?: TagFilter;
}

interface Props {
  filters: Filters;
  codes: FindingCount[];
  tags: TagGroup[];
  onChange(f: Filters): void;
}

/** Search, posture, severity and finding-code filters of the results table. */
export function ResultsFilters({ filters, codes, tags, onChange }: Props) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const any = filters.search || filters.outcome || filters.posture || filters.severity || filters.code || filters.tag;
  return (
    <div className="filters" role="search">
      <input type="search" className="search" placeholder={tags.length > 0 ? 'Search domains and tags…' : 'Search domains…'} aria-label="Search results"
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
        {SEVERITY_ORDER.map((sev) => {
          const of = codes.filter((c) => c.severity === sev);
          return of.length > 0 && (
            <optgroup key={sev} label={sev === 'info' ? 'Facts' : `${SEVERITY_LABEL[sev]} problems`}>
              {of.map((c) => <option key={c.code} value={c.code} title={c.code}>{plainText(c.code).title} ({c.count})</option>)}
            </optgroup>
          );
        })}
      </select>
      <TagFilterSelects tag={filters.tag} tags={tags} onChange={(tag) => set({ tag })} anyLabel="Any tag" label="Filter" />
      {any && <button type="button" className="btn btn-quiet" onClick={() => onChange({ search: '' })}>Clear filters</button>}
    </div>
  );
}
