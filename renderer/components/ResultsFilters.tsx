import type { FindingCount, TagGroup } from '../../shared/ipc';
import type { Posture, Severity } from '../../shared/types';
import type { Outcome } from '../../shared/outcome';
import { plainText } from '../../shared/plain-language';
import { POSTURE_LABEL, POSTURE_ORDER, SEVERITY_LABEL, SEVERITY_ORDER } from '../labels';

export interface Filters {
  search: string;
  outcome?: Outcome;
  posture?: Posture;
  severity?: Severity;
  code?: string;
  /** An imported tag and one of its values ('' = rows without that tag). */
  tag?: { name: string; value: string };
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
  const tagGroup = filters.tag && tags.find((g) => g.name === filters.tag!.name);
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
      {tags.length > 0 && (
        <select aria-label="Filter by tag" value={filters.tag?.name ?? ''}
          onChange={(e) => set({ tag: e.target.value ? { name: e.target.value, value: tags.find((g) => g.name === e.target.value)?.values[0]?.value ?? '' } : undefined })}>
          <option value="">Any tag</option>
          {tags.map((g) => <option key={g.name} value={g.name}>{g.name}</option>)}
        </select>
      )}
      {filters.tag && (
        <select aria-label={`${filters.tag.name} value`} value={filters.tag.value} onChange={(e) => set({ tag: { name: filters.tag!.name, value: e.target.value } })}>
          {(tagGroup?.values ?? [{ value: filters.tag.value, count: 0 }]).map((v) => <option key={v.value} value={v.value}>{v.value === '' ? `(no ${filters.tag!.name})` : v.value} ({v.count})</option>)}
        </select>
      )}
      {any && <button type="button" className="btn btn-quiet" onClick={() => onChange({ search: '' })}>Clear filters</button>}
    </div>
  );
}
