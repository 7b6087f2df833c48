/** Audits: list, inspect, delete, compare; start, pause, cancel and resume them. */
import { applyPatch } from '../../shared/settings-patch';
import { DEFAULT_SETTINGS, type AuditSettings } from '../../shared/types';
import fs from 'node:fs';
import { importReport } from '../io/import-report';
import { startNewRun } from '../run-service';
import { compareRuns, orderRuns } from '../store/comparisons';
import { getRunInput, inputFileOf } from '../store/run-inputs';
import { deleteRun, getRun, listRuns, runDomains } from '../store/runs';
import type { RunRecord } from '../../shared/types';
import type { HandlerContext, Implementations } from './context';
import { HandlerError, notFound } from './errors';
import { comparisonView, runSummary } from './views';

type RunChannels = 'run:list' | 'run:get' | 'run:delete' | 'run:compare' | 'run:start' | 'run:again' | 'run:pause' | 'run:cancel' | 'run:resume';

export function runHandlers(ctx: HandlerContext): Implementations<RunChannels> {
  const { db, runs } = ctx;
  const find = (runId: number): RunRecord => {
    const run = getRun(db, runId);
    if (!run) throw notFound(`audit ${runId}`);
    return run;
  };
  const summary = (runId: number) => runSummary(find(runId), runs.isActive(runId));

  return {
    'run:list': () => listRuns(db).map((r) => runSummary(r, runs.isActive(r.id))),
    'run:get': ({ runId }) => summary(runId),
    'run:delete'({ runId }) {
      find(runId);
      if (runs.isActive(runId)) throw new HandlerError('CONFLICT', 'pause or cancel the audit before deleting it');
      deleteRun(db, runId);
      return null;
    },
    'run:compare'({ runA, runB }) {
      if (runA === runB) throw new HandlerError('BAD_REQUEST', 'choose two different audits to compare');
      find(runA);
      find(runB);
      const [earlier, later] = orderRuns(db, runA, runB);
      return comparisonView(summary(earlier.id), summary(later.id), compareRuns(db, earlier.id, later.id));
    },
    'run:start'({ token, name, client, concurrency, settings }) {
      const imported = ctx.imports.get(token);
      if (!imported) throw new HandlerError('EXPIRED', 'this import is no longer available; open the file again');
      if (imported.parsed.rows.length === 0) throw new HandlerError('BAD_REQUEST', 'the import holds no domain to audit');
      // Saved defaults (e.g. an internal CA) apply unless this request overrides them; a key sent as
      // undefined overrides nothing, null clears (shared/settings-patch.ts).
      const merged: AuditSettings = applyPatch(applyPatch(DEFAULT_SETTINGS, ctx.settingsStore.get().audit), settings);
      const domains = imported.parsed.rows.map((r) => ({ input: r.input, domain: r.domain, tags: r.tags }));
      // Dropped bytes are exactly what was parsed; a chosen file is read again here, at the start of the audit
      // (docs/DECISIONS.md, "Evidence bundle").
      let bytes: Buffer;
      try {
        bytes = imported.source.kind === 'bytes' ? imported.source.bytes : fs.readFileSync(imported.source.path);
      } catch {
        throw new HandlerError('EXPIRED', `${imported.fileName} can no longer be read; open the file again`);
      }
      const inputFile = inputFileOf(imported.fileName, bytes, importReport(imported.fileName, imported.parsed));
      const run = startNewRun(db, { name, client, source: imported.fileName, settings: merged, domains, inputFile });
      ctx.imports.take(token);
      runs.execute(run.id, concurrency);
      return summary(run.id);
    },
    /**
     * The same list again: every imported row (inputs that were no domain included, so the counts compare),
     * with its tags, under the same client and the same settings, which is what makes two audits comparable.
     */
    'run:again'({ runId, name }) {
      const before = find(runId);
      if (before.imported) throw new HandlerError('CONFLICT', `this audit was opened from ${before.imported.bundle} and is read-only: it cannot be audited again`);
      const domains = [...runDomains(db, runId)].map((d) => ({ input: d.input, domain: d.domain, tags: d.tags }));
      // The same input, so the new run's bundle holds the file both audits were made from.
      const inputFile = getRunInput(db, runId);
      const run = startNewRun(db, { name, client: before.client ?? undefined, source: before.source ?? undefined, settings: before.settings, domains, inputFile });
      runs.execute(run.id, ctx.settingsStore.get().concurrency);
      return summary(run.id);
    },
    async 'run:pause'({ runId }) {
      if (!runs.isActive(runId)) throw new HandlerError('CONFLICT', 'the audit is not running');
      await runs.stop(runId, 'paused');
      return summary(runId);
    },
    async 'run:cancel'({ runId }) {
      await runs.stop(runId, 'cancelled');
      return summary(runId);
    },
    'run:resume'({ runId, concurrency }) {
      const run = find(runId);
      if (runs.isActive(runId)) throw new HandlerError('CONFLICT', 'the audit is already running');
      if (run.imported) throw new HandlerError('CONFLICT', `this audit was opened from ${run.imported.bundle} and is read-only: it cannot be resumed`);
      if (run.state === 'completed') throw new HandlerError('CONFLICT', 'the audit is already complete');
      if (run.state === 'cancelled') throw new HandlerError('CONFLICT', 'a cancelled audit cannot be resumed; start a new audit');
      runs.execute(runId, concurrency ?? ctx.settingsStore.get().concurrency);
      return summary(runId);
    },
  };
}
