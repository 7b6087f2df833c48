import { useCallback } from 'react';
import { invoke } from '../api';
import { useSaveAs, type SaveAsState } from './useSaveAs';

export type CompareExportState = Omit<SaveAsState, 'fail'>;

/** Saving the comparison of two runs as a CSV, written by the backend with the same rows the view shows. */
export function useCompareExport(runA: number, runB: number): CompareExportState {
  const write = useCallback((path: string) => invoke('export:comparison', { runA, runB, path }), [runA, runB]);
  const { busy, done, error, save } = useSaveAs(write);
  return { busy, done, error, save };
}
