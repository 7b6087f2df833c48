/**
 * TLS-RPT reports in the app: import files and folders the user chose (or dropped), and the run next to the
 * reports, per estate and per domain. The open dialog itself is a shell channel (handlers/shell.ts). The same import and correlation as `reports import` / `reports summary`.
 */
import type { HandlerContext, Implementations } from './context';
import { HandlerError, notFound } from './errors';
import { runExists } from '../store/runs';
import { importReportFiles, importReports } from '../io/tlsrpt/import-reports';
import { domainReports, estateReports } from '../store/tlsrpt-correlation';
import { DEFAULT_REPORT_DAYS, reportPeriod } from '../engine/tlsrpt/trend';
import type { ReportImportTally } from '../../shared/tlsrpt';

type ReportChannels = 'reports:import' | 'reports:estate' | 'reports:domain';

export function reportHandlers(ctx: HandlerContext): Implementations<ReportChannels> {
  const requireRun = (runId: number): void => {
    if (!runExists(ctx.db, runId)) throw notFound(`audit ${runId}`);
  };
  return {
    'reports:import'({ paths = [], files = [] }) {
      const refused = paths.filter((p) => !ctx.granted.check('read', p));
      if (refused.length) throw new HandlerError('PATH_NOT_ALLOWED', 'only files and folders chosen in the open dialog can be imported');
      const tally: ReportImportTally = importReports(ctx.db, paths);
      if (files.length === 0) return tally;
      const dropped = importReportFiles(ctx.db, files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) })));
      return { reports: tally.reports + dropped.reports, added: tally.added + dropped.added, duplicates: tally.duplicates + dropped.duplicates, rejected: [...tally.rejected, ...dropped.rejected] };
    },
    'reports:estate'({ runId, days }) {
      requireRun(runId);
      return estateReports(ctx.db, runId, reportPeriod(days ?? DEFAULT_REPORT_DAYS));
    },
    'reports:domain'({ runId, domain, days }) {
      requireRun(runId);
      return domainReports(ctx.db, runId, domain, reportPeriod(days ?? DEFAULT_REPORT_DAYS));
    },
  };
}
