import type { Route } from '../routes';

type Tab = 'run' | 'results' | 'reports' | 'export';
const TABS: { view: Tab; label: string }[] = [
  { view: 'run', label: 'Progress' },
  { view: 'results', label: 'Results' },
  { view: 'reports', label: 'Reports' },
  { view: 'export', label: 'Export' },
];

/** Switches between the screens of one audit. */
export function RunTabs({ runId, current, navigate }: { runId: number; current: Tab; navigate: (r: Route) => void }) {
  return (
    <nav className="tabs" aria-label="Audit sections">
      {TABS.map((t) => (
        <button key={t.view} type="button" className={`tab${t.view === current ? ' active' : ''}`} aria-current={t.view === current ? 'page' : undefined}
          onClick={() => navigate({ view: t.view, runId })}>
          {t.label}
        </button>
      ))}
    </nav>
  );
}
