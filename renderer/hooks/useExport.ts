import { useCallback } from 'react';
import { invoke } from '../api';
import type { TagFilter } from '../../shared/tags';
import { useSaveAs, type SaveAsState } from './useSaveAs';

export type ExportKind = 'workbook' | 'pdf' | 'summary' | 'bundle';

export interface ExportState extends Omit<SaveAsState, 'fail'> {
  showInFolder(): Promise<void>;
}

/** One export action (workbook, full PDF, summary PDF or bundle) and its outcome; `tag`: only the domains with that tag value. */
export function useExport(runId: number, kind: ExportKind, tag?: TagFilter): ExportState {
  const write = useCallback((path: string) => {
    if (kind === 'workbook') return invoke('export:workbook', { runId, path, tag });
    if (kind === 'bundle') return invoke('export:bundle', { runId, path, tag });
    return invoke('export:pdf', { runId, path, summaryOnly: kind === 'summary', tag });
  }, [runId, kind, tag]);
  const { busy, done, error, save, fail } = useSaveAs(write);

  const showInFolder = useCallback(async () => {
    if (!done) return;
    try {
      await invoke('shell:showItem', { path: done.path });
    } catch (e) {
      fail(e);
    }
  }, [done, fail]);

  return { busy, done, error, save, showInFolder };
}
