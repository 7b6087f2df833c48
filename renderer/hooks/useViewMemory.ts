import { useCallback, useState, type SetStateAction } from 'react';
import { recall, remember, remembers } from '../view-memory';

/**
 * `useState` whose value outlives the view for this window's session under `key`: open a domain from a
 * filtered list, press Escape, and the same list comes back.
 */
export function useViewMemory<T>(key: string, initial: T): [T, (next: SetStateAction<T>) => void] {
  const [value, setValue] = useState<T>(() => (remembers(key) ? (recall<T>(key) as T) : initial));
  const set = useCallback((next: SetStateAction<T>) => {
    setValue((prev) => {
      const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
      remember(key, value);
      return value;
    });
  }, [key]);
  return [value, set];
}
