import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { ImportPreview, RequestInput } from '../../shared/ipc';

type Source = RequestInput<'import:preview'>['source'];

export interface ImportState {
  preview: ImportPreview | undefined;
  busy: boolean;
  error: string | undefined;
  openFile(): Promise<void>;
  dropFile(file: File): Promise<void>;
  /** Re-reads the same file with another sheet or domain column. */
  choose(opts: { sheet?: string; column?: string }): Promise<void>;
  reset(): void;
}

/** The import step: pick or drop a file, and let the main process parse it and keep the rows. */
export function useImport(): ImportState {
  const [preview, setPreview] = useState<ImportPreview>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const read = useCallback(async (source: Source, opts: { sheet?: string; column?: string } = {}) => {
    setBusy(true);
    setError(undefined);
    try {
      setPreview(await invoke('import:preview', { source, ...opts }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);

  const openFile = useCallback(async () => {
    try {
      const picked = await invoke('dialog:openFile', {});
      if (picked) await read({ kind: 'path', path: picked.path });
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [read]);

  const dropFile = useCallback(async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await read({ kind: 'bytes', name: file.name, bytes });
  }, [read]);

  const choose = useCallback(async (opts: { sheet?: string; column?: string }) => {
    if (preview) await read({ kind: 'token', token: preview.token }, opts);
  }, [preview, read]);

  const reset = useCallback(() => {
    setPreview(undefined);
    setError(undefined);
  }, []);

  return { preview, busy, error, openFile, dropFile, choose, reset };
}
