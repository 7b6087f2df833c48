/** Workbook, PDF and bundle exports, written only to paths the user chose in the save dialog. */
import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname } from 'node:path';
import type { ExportDone } from '../../shared/ipc';
import { writeExport } from '../io/export/run-export';
import { dataFolderSigningKey } from '../io/bundle/signing-key';
import { getRun } from '../store/runs';
import { compareRuns, orderRuns } from '../store/comparisons';
import { writeComparisonCsv } from '../io/comparison-csv';
import { comparisonView, runSummary } from './views';
import type { HandlerContext, Implementations } from './context';
import { HandlerError, notFound } from './errors';

type ExportChannels = 'export:workbook' | 'export:pdf' | 'export:bundle' | 'export:comparison';

export function exportHandlers(ctx: HandlerContext): Implementations<ExportChannels> {
  const write = async (runId: number, path: string, fn: () => Promise<unknown>): Promise<ExportDone> => {
    if (!ctx.granted.check('write', path)) throw new HandlerError('PATH_NOT_ALLOWED', 'exports are written only where the save dialog was pointed');
    if (!getRun(ctx.db, runId)) throw notFound(`audit ${runId}`);
    // Checked first: a writer that cannot open its file must not be left waiting (the streaming workbook
    // writer never settles then), and "the folder is gone" is the message people can act on.
    try {
      await fs.access(dirname(path), constants.W_OK);
    } catch {
      throw new HandlerError('EXPORT_FAILED', `could not write ${path}: the folder ${dirname(path)} does not exist or cannot be written to; choose another folder`);
    }
    try {
      await fn();
    } catch (err) {
      throw new HandlerError('EXPORT_FAILED', `could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { path, bytes: (await fs.stat(path)).size };
  };
  const auditor = () => ctx.settingsStore.get().auditorName || undefined;
  return {
    'export:workbook': ({ runId, path, tag }) => write(runId, path, () => writeExport(ctx.db, { kind: 'workbook', runId, tag, auditor: auditor() }, path)),
    'export:pdf': ({ runId, path, summaryOnly, tag }) => write(runId, path, () => writeExport(ctx.db, { kind: 'pdf', runId, tag, summaryOnly, auditor: auditor() }, path)),
    'export:bundle': ({ runId, path, tag }) => write(runId, path, async () => {
      if (!ctx.dataDir) throw new Error('no data folder to keep the signing key in');
      await writeExport(ctx.db, { kind: 'bundle', runId, tag, auditor: auditor(), signingKey: dataFolderSigningKey(ctx.dataDir) }, path);
    }),
    // The same comparison the Compare view shows (run:compare), as a CSV for the client.
    'export:comparison': ({ runA, runB, path }) => {
      if (runA === runB) throw new HandlerError('BAD_REQUEST', 'choose two different audits to compare');
      const a = getRun(ctx.db, runA);
      if (!a) throw notFound(`audit ${runA}`);
      return write(runB, path, async () => {
        const [earlier, later] = orderRuns(ctx.db, runA, runB);
        const view = comparisonView(runSummary(earlier, ctx.runs.isActive(earlier.id)), runSummary(later, ctx.runs.isActive(later.id)), compareRuns(ctx.db, earlier.id, later.id));
        await writeComparisonCsv(view, path);
      });
    },
  };
}
