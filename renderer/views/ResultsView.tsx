import { useState } from 'react';
import type { ResultSort } from '../../shared/ipc';
import type { Route } from '../routes';
import { useRun } from '../hooks/useRun';
import { useResults, type ResultQuery } from '../hooks/useResults';
import { resultsActiveKey, resultsQueryKey } from '../hooks/useNeighbours';
import { useFindingCounts } from '../hooks/useFindingCounts';
import { useDebounced } from '../hooks/useDebounced';
import { useThrottledReload } from '../hooks/useThrottledReload';
import { useViewMemory } from '../hooks/useViewMemory';
import { entryLabelKey, recall, remember, resultsFiltersKey } from '../view-memory';
import { PageHeader } from '../components/PageHeader';
import { RunTabs } from '../components/RunTabs';
import { OutcomeFilter } from '../components/OutcomeFilter';
import { ResultsFilters, type Filters } from '../components/ResultsFilters';
import { ResultsTable } from '../components/ResultsTable';
import { TagGroupTable } from '../components/TagGroupTable';
import { useTagGroups } from '../hooks/useTagGroups';
import { EmptyState, ErrorBanner, Loading } from '../components/States';
import { formatInt } from '../format';

/**
 * A run's results: the outcome distribution (which filters), search and filters, and the virtual table of
 * every domain. Filters, sort and the active row are kept for the session, so Back from a domain finds the
 * list as it was.
 */
export function ResultsView({ runId, navigate }: { runId: number; navigate: (r: Route) => void }) {
  const { run, progress, error: runError } = useRun(runId);
  const [filters, setFilters] = useViewMemory<Filters>(resultsFiltersKey(runId), { search: '' });
  const [sort, setSort] = useViewMemory<{ key: ResultSort; desc: boolean }>(`results:${runId}:sort`, { key: 'outcome', desc: false });
  // The active row is remembered without re-rendering the view on every arrow key.
  const activeKey = resultsActiveKey(runId);
  const [returning] = useState(() => recall<number>(activeKey));
  const setActive = (i: number) => remember(activeKey, i);
  const search = useDebounced(filters.search.trim());
  const query: ResultQuery = {
    search: search || undefined, outcome: filters.outcome, posture: filters.posture, severity: filters.severity, code: filters.code, tag: filters.tag, sort: sort.key, desc: sort.desc,
  };
  // The first page is asked for before the tag groups and the finding tallies: the backend answers in order,
  // and at 20,000 rows the tag groups take ~200 ms that the first rows need not wait for.
  const results = useResults(runId, query);
  const tags = useTagGroups(runId);
  const [groupBy, setGroupBy] = useViewMemory<string>(`results:${runId}:group-by`, '');
  const grouped = groupBy ? tags.data?.find((g) => g.name === groupBy) : undefined;
  // The domain page steps through the same list (previous / next domain).
  remember(resultsQueryKey(runId), query);
  const codes = useFindingCounts(runId);
  useThrottledReload(results.reload, runId, 2000);

  if (runError) return <div className="page"><ErrorBanner message={runError} /></div>;
  if (!run) return <div className="page"><Loading /></div>;
  const onSort = (key: string) => setSort((s) => ({ key: key as ResultSort, desc: s.key === key ? !s.desc : key !== 'domain' && key !== 'outcome' }));
  const done = progress?.done ?? run.done;
  const clear = <button type="button" className="btn" onClick={() => setFilters({ search: '' })}>Clear filters</button>;

  return (
    <div className="page page-fill">
      <PageHeader title={run.name} subtitle={`${formatInt(done)} of ${formatInt(run.total)} domains audited${run.client ? ` · ${run.client}` : ''}`}>
        <RunTabs runId={runId} current="results" navigate={navigate} />
      </PageHeader>
      {done === 0 ? (
        <EmptyState title="No results yet">Results appear here as soon as the first domains are audited.</EmptyState>
      ) : (
        <section className="card table-card">
          <OutcomeFilter counts={progress?.outcomeCounts ?? run.outcomeCounts} selected={filters.outcome} onSelect={(outcome) => setFilters({ ...filters, outcome })} />
          <ResultsFilters filters={filters} codes={codes.data ?? []} tags={tags.data ?? []} onChange={setFilters} />
          {results.error && <ErrorBanner message={results.error} onRetry={results.reload} />}
          <div className="table-meta">
            <p className="table-count" aria-live="polite">
              {results.total === undefined ? 'Loading…' : `${formatInt(results.total)} domain${results.total === 1 ? '' : 's'}`}
            </p>
            {(tags.data?.length ?? 0) > 0 && (
              <label className="group-by">Group by{' '}
                <select aria-label="Group by tag" value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
                  <option value="">no grouping (every domain)</option>
                  {tags.data!.map((g) => <option key={g.name} value={g.name}>{g.name}</option>)}
                </select>
              </label>
            )}
            {!grouped && results.total !== undefined && results.total > 0 && <p className="table-hint">↑↓ to move · Enter opens a domain</p>}
          </div>
          {grouped ? (
            <TagGroupTable group={grouped} onOpen={(value) => { setGroupBy(''); setFilters({ search: '', tag: { name: grouped.name, value } }); }} />
          ) : results.total === 0 ? (
            <EmptyState title="No domain matches these filters" action={clear} />
          ) : (
            <ResultsTable results={results} tagNames={tags.data?.map((g) => g.name)} sort={sort.key} desc={sort.desc} onSort={onSort}
              initialActive={returning ?? 0} onActiveChange={setActive} autoFocus={returning !== undefined}
              onOpen={(r, i) => {
                setActive(i);
                // The domain view shows this as its title while the result loads.
                remember(entryLabelKey(runId, r.runDomainId), r.domain || `“${r.input}”`);
                navigate({ view: 'domain', runId, runDomainId: r.runDomainId });
              }} />
          )}
        </section>
      )}
    </div>
  );
}
