import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api';

export interface RequestState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads a value once per change of `key`, ignoring replies that arrive after a newer request started
 * (a slow `domain:get` must not overwrite the domain opened after it).
 */
export function useRequest<T>(load: (() => Promise<T>) | undefined, key: string): RequestState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const fn = loader.current;
    if (!fn) return;
    const mine = ++generation.current;
    setLoading(true);
    fn().then(
      (v) => {
        if (mine !== generation.current) return;
        setData(v);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== generation.current) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
