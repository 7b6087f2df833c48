import { useMemo, useRef, useState } from 'react';
import type { ComparisonRow, RunSummary } from '../../shared/ipc';
import type { Route } from '../routes';
import { useRuns } from '../hooks/useRuns';
import { useCompare } from '../hooks/useCompare';
import { useViewMemory } from '../hooks/useViewMemory';
import { formatDate, formatInt } from '../format';
import { CHANGE_CLASSES, CHANGE_CLASS_LABEL, type ChangeClass } from '../../shared/changes';
import { PageHeader } from '../components/PageHeader';
import { Field } from '../components/Field';
import { CompareTable } from '../components/CompareTable';
import { ChangeDetail } from '../components/ChangeDetail';
import { DirectionTabs } from '../components/DirectionTabs';
import { EmptyState, ErrorBanner, Loading } from '../components/States';
import { CompareExport } from '../components/CompareExport';
import { OutcomeDelta } from '../components/OutcomeDelta';

type Filter = 'all' | Exclude<ChangeClass, 'unchanged'>;
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: 'All changes' },
  ...CHANGE_CLASSES.filter((c): c is Exclude<ChangeClass, 'unchanged'> => c !== 'unchanged').map((c) => ({ key: c, label: CHANGE_CLASS_LABEL[c] })),
];
const runLabel = (r: RunSummary) => `${r.name} — ${formatDate(r.createdAt)} (#${r.id})`;

/** Pick an earlier and a later audit and see, domain by domain, what changed; open a row for all of it. */
export function CompareView({ runA, runB, navigate }: { runA?: number; runB?: number; navigate: (r: Route) => void }) {
  const runs = useRuns();
  const cmp = useCompare(runA, runB);
  const [filter, setFilter] = useViewMemory<Filter>(`compare:${runA}:${runB}:filter`, 'all');
  const [opened, setOpened] = useState<ComparisonRow>();
  const returnFocus = useRef<HTMLElement | null>(null);
  // An error replaces the comparison: the table of an earlier choice must not stay under it.
  const data = runA && runB && !cmp.error ? cmp.data : undefined;
  const [search, setSearch] = useViewMemory<string>('compare:search', '');
  const needle = search.trim().toLowerCase();
  const rows = useMemo(() => (data ? data.rows.filter((r) => (filter === 'all' || r.changeClass === filter) && (!needle || r.domain.includes(needle))) : []), [data, filter, needle]);
  // The backend compares in date order whichever way they were picked: say so when the picks were the other way.
  const swapped = data !== undefined && data.runA.id !== runA;
  const choose = (a: number | undefined, b: number | undefined) => navigate({ view: 'compare', runA: a, runB: b });
  const list = runs.data ?? [];
  const counts = data?.counts;
  const countOf = (f: Filter) => (f === 'all' ? (data?.rows.length ?? 0) : (counts?.[f] ?? 0));
  const open = (row: ComparisonRow) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpened(row);
  };
  const close = () => {
    setOpened(undefined);
    returnFocus.current?.focus();
  };

  return (
    <div className="page page-fill">
      <PageHeader title="Compare audits" subtitle="What changed between two audits of the same estate." />
      <section className="card">
        <div className="form-grid compact compare-pickers">
          <Field label="Earlier audit">
            <select value={runA ?? ''} onChange={(e) => choose(Number(e.target.value) || undefined, runB)}>
              <option value="">Choose…</option>
              {list.map((r) => <option key={r.id} value={r.id}>{runLabel(r)}</option>)}
            </select>
          </Field>
          <Field label="Later audit">
            <select value={runB ?? ''} onChange={(e) => choose(runA, Number(e.target.value) || undefined)}>
              <option value="">Choose…</option>
              {list.map((r) => <option key={r.id} value={r.id}>{runLabel(r)}</option>)}
            </select>
          </Field>
        </div>
      </section>
      {list.length < 2 && runs.data && <EmptyState title="Two audits are needed">Run the same list again later, then compare the two audits here.</EmptyState>}
      {list.length >= 2 && !(runA && runB) && <EmptyState title="Choose two audits">Pick the earlier and the later audit above; the domains whose set-up changed are listed here.</EmptyState>}
      {cmp.error && runA && runB && <ErrorBanner message={cmp.error} onRetry={cmp.reload} />}
      {runA && runB && !data && !cmp.error && <Loading label="Comparing…" />}
      {data && swapped && (
        <p className="notice" role="status">Shown in date order: “{data.runA.name}” (#{data.runA.id}) is the earlier audit, “{data.runB.name}” (#{data.runB.id}) the later.</p>
      )}
      {data && (
        <details className="card compare-summary">
          <summary><h2 className="inline">Outcomes before and after</h2></summary>
          <OutcomeDelta before={data.runA} after={data.runB} />
        </details>
      )}
      {data && counts && (
        <section className="card table-card">
          <div className="filters">
            <input type="search" className="search" placeholder="Search domains…" aria-label="Search changes" value={search} onChange={(e) => setSearch(e.target.value)} />
            <CompareExport runA={data.runA.id} runB={data.runB.id} defaultName={`comparison-${data.runA.id}-${data.runB.id}.csv`} />
          </div>
          <DirectionTabs<Filter> label="Show" tabs={FILTERS.map((f) => ({ ...f, count: countOf(f.key) }))} selected={filter} onSelect={setFilter} />
          <div className="table-meta">
            <p className="table-count">{formatInt(counts.compared)} domains compared · {formatInt(counts.unchanged)} unchanged{needle && ` · ${formatInt(rows.length)} shown`}</p>
            {rows.length > 0 && <p className="table-hint">Enter or click a row for every change and finding</p>}
          </div>
          {rows.length === 0 ? (needle ? <EmptyState title="No domain matches this search" />
            : <EmptyState title="Nothing changed">{filter === 'all' ? 'Both audits saw the same configuration for every domain.' : 'No domain in this group.'}</EmptyState>)
            : <CompareTable key={`${filter}:${needle}`} rows={rows} onOpen={open} />}
        </section>
      )}
      {opened && data && (
        <ChangeDetail row={opened} onClose={close}
          onOpenDomain={(which) => navigate({ view: 'domain', runId: which === 'after' ? data.runB.id : data.runA.id, domain: opened.domain })} />
      )}
    </div>
  );
}
