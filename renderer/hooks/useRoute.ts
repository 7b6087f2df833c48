import { useCallback, useEffect, useRef, useState } from 'react';
import { parseRoute, routeHash, type Route } from '../routes';

export interface RouteState {
  route: Route;
  /** The screen this one was opened from in this window, if any (Back returns there). */
  previous: Route | undefined;
  /** `replace`: this screen takes the current one's place in history (previous/next domain), so Back skips it. */
  navigate(r: Route, opts?: { replace?: boolean }): void;
  /** Returns to the previous screen (as the browser's Back would), else goes to `fallback`. */
  back(fallback: Route): void;
}

/** The current screen, from the URL hash, the screen before it, and ways to go elsewhere. */
export function useRoute(): RouteState {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  // The hashes visited in this window, oldest first: Back pops, anything else pushes.
  const trail = useRef<string[]>([window.location.hash]);
  const [previous, setPrevious] = useState<Route>();
  const replacing = useRef(false);

  useEffect(() => {
    const onHash = () => {
      const hash = window.location.hash;
      const t = trail.current;
      if (replacing.current) {
        replacing.current = false;
        t[t.length - 1] = hash;
      } else if (t.length >= 2 && t[t.length - 2] === hash) t.pop();
      else if (t[t.length - 1] !== hash) t.push(hash);
      setRoute(parseRoute(hash));
      setPrevious(t.length >= 2 ? parseRoute(t[t.length - 2]!) : undefined);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = useCallback((r: Route, opts?: { replace?: boolean }) => {
    const hash = routeHash(r);
    if (hash === window.location.hash) setRoute(r);
    else if (opts?.replace) {
      replacing.current = true;
      window.location.replace(hash);
    } else window.location.hash = hash;
  }, []);

  const back = useCallback((fallback: Route) => {
    if (trail.current.length >= 2) window.history.back();
    else navigate(fallback);
  }, [navigate]);

  return { route, previous, navigate, back };
}
