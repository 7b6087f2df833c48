/**
 * Runs saved into a real SQLite store for the export tests that read the store (store.test.ts,
 * export-worker.test.ts): the items' domains imported, then the first `save` of them saved, by domain name.
 */
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import type { ReportItem } from '../../../electron/io/report/source';

export function storeRun(db: Database.Database, items: ReportItem[], name: string, save = items.length): number {
  const info = createRun(db, {
    name, client: 'Example Holdings plc', source: 'estate.csv', settings: { ...DEFAULT_SETTINGS, resolvers: ['192.0.2.53'] },
    toolVersion: '0.1.0', resolver: '192.0.2.53', domains: items.map((i) => ({ input: i.result.input, domain: i.result.domain, tags: i.tags })),
  });
  saveSome(db, info.id, items, save);
  return info.id;
}

/** Saves the results of the next `count` domains still pending, as an audit in progress would. */
export function saveSome(db: Database.Database, runId: number, items: ReportItem[], count: number): void {
  const byDomain = new Map(items.map((i) => [i.result.domain, i.result]));
  for (const d of pendingDomains(db, runId).slice(0, count)) saveResult(db, runId, d.runDomainId, byDomain.get(d.domain)!);
}
