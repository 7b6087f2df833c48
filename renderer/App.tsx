import { useEffect, useRef } from 'react';
import { useRoute } from './hooks/useRoute';
import type { RouteState } from './hooks/useRoute';
import { Sidebar } from './components/Sidebar';
import { ViewErrorBoundary } from './components/ViewErrorBoundary';
import { AuditsView } from './views/AuditsView';
import { ImportView } from './views/ImportView';
import { RunView } from './views/RunView';
import { ResultsView } from './views/ResultsView';
import { DomainView } from './views/DomainView';
import { CompareView } from './views/CompareView';
import { ExportView } from './views/ExportView';
import { ReportsView } from './views/ReportsView';
import { SettingsView } from './views/SettingsView';
import { routeHash } from './routes';

function View({ state }: { state: RouteState }) {
  const { route, navigate } = state;
  switch (route.view) {
    case 'audits': return <AuditsView navigate={navigate} />;
    case 'import': return <ImportView navigate={navigate} />;
    case 'settings': return <SettingsView />;
    case 'run': return <RunView key={route.runId} runId={route.runId} navigate={navigate} />;
    case 'results': return <ResultsView key={route.runId} runId={route.runId} navigate={navigate} />;
    case 'export': return <ExportView key={route.runId} runId={route.runId} navigate={navigate} />;
    case 'reports': return <ReportsView key={route.runId} runId={route.runId} navigate={navigate} />;
    case 'domain': return <DomainView key={routeHash(route)} route={route} previous={state.previous} navigate={navigate} back={state.back} />;
    case 'compare': return <CompareView runA={route.runA} runB={route.runB} navigate={navigate} />;
  }
}

export function App() {
  const state = useRoute();
  const { route, navigate } = state;
  const main = useRef<HTMLElement>(null);
  // A new screen starts at the top, and keyboard focus moves to it so Tab continues from there, unless the
  // screen already put focus somewhere inside itself (the results table after Escape from a domain).
  useEffect(() => {
    window.scrollTo(0, 0);
    if (!main.current?.contains(document.activeElement)) main.current?.focus({ preventScroll: true });
  }, [route.view]);
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>Skip to content</a>
      <Sidebar route={route} navigate={navigate} />
      <main id="main" ref={main} tabIndex={-1} className="content">
        <ViewErrorBoundary resetKey={routeHash(route)}>
          <View state={state} />
        </ViewErrorBoundary>
      </main>
    </div>
  );
}
