import type { Route } from '../routes';

type Section = 'audits' | 'import' | 'compare' | 'settings';
const ITEMS: { section: Section; label: string; icon: string }[] = [
  { section: 'audits', label: 'Audits', icon: 'M4 5h16M4 12h16M4 19h10' },
  { section: 'import', label: 'New audit', icon: 'M12 5v14M5 12h14' },
  { section: 'compare', label: 'Compare', icon: 'M7 4v16M7 4l-3 3M7 4l3 3M17 20V4M17 20l-3-3M17 20l3-3' },
  { section: 'settings', label: 'Settings', icon: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4' },
];

export function sectionOf(route: Route): Section {
  if (route.view === 'import' || route.view === 'compare' || route.view === 'settings') return route.view;
  return 'audits';
}

/** The app's main navigation. */
export function Sidebar({ route, navigate }: { route: Route; navigate: (r: Route) => void }) {
  const current = sectionOf(route);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <svg viewBox="0 0 24 24" className="brand-mark" aria-hidden="true">
          <path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3z" fill="currentColor" opacity="0.9" />
          <path d="m8.5 12 2.5 2.5 4.5-5" fill="none" stroke="#0f172a" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <div className="brand-text">
          <div className="brand-name">MTA-STS Auditor</div>
          <div className="brand-sub">Transport security</div>
        </div>
      </div>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.section}>
            <button type="button" className={`nav-item${current === item.section ? ' active' : ''}`} aria-current={current === item.section ? 'page' : undefined}
              title={item.label} onClick={() => navigate({ view: item.section })}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d={item.icon} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" /></svg>
              <span className="nav-label">{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
