/**
 * Screens are addressed by the URL hash (#/results/3), so Back/Forward (Alt+←/→) work and a view can be
 * reloaded. Changing the hash is an in-page navigation: the shell's will-navigate guard is not involved.
 */
export type Route =
  | { view: 'audits' }
  | { view: 'import' }
  | { view: 'settings' }
  | { view: 'run'; runId: number }
  | { view: 'results'; runId: number }
  | { view: 'export'; runId: number }
  /** The run next to the senders' TLS-RPT reports. */
  | { view: 'reports'; runId: number }
  /** One row of a run: by its entry id (every row, even an input that is not a domain), or by domain name. */
  | { view: 'domain'; runId: number; runDomainId: number }
  | { view: 'domain'; runId: number; domain: string }
  | { view: 'compare'; runA?: number; runB?: number };

const id = (s: string | undefined): number | undefined => {
  const n = Number(s);
  return s && Number.isInteger(n) && n > 0 ? n : undefined;
};

export function parseRoute(hash: string): Route {
  const [view, a, b] = hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  const runId = id(a);
  switch (view) {
    case 'import': return { view: 'import' };
    case 'settings': return { view: 'settings' };
    case 'compare': return { view: 'compare', runA: runId, runB: id(b) };
    case 'run':
    case 'results':
    case 'export':
    case 'reports':
      return runId ? { view, runId } : { view: 'audits' };
    case 'domain':
      return runId && b ? { view: 'domain', runId, domain: b } : { view: 'audits' };
    case 'entry': {
      const runDomainId = id(b);
      return runId && runDomainId ? { view: 'domain', runId, runDomainId } : { view: 'audits' };
    }
    default:
      return { view: 'audits' };
  }
}

export function routeHash(r: Route): string {
  switch (r.view) {
    case 'audits':
    case 'import':
    case 'settings':
      return `#/${r.view}`;
    case 'run':
    case 'results':
    case 'export':
    case 'reports':
      return `#/${r.view}/${r.runId}`;
    case 'domain':
      return 'runDomainId' in r ? `#/entry/${r.runId}/${r.runDomainId}` : `#/domain/${r.runId}/${encodeURIComponent(r.domain)}`;
    case 'compare':
      return `#/compare${r.runA ? `/${r.runA}` : ''}${r.runA && r.runB ? `/${r.runB}` : ''}`;
  }
}
