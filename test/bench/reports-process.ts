/**
 * Child process of `npm run bench -- --reports`: imports one folder of TLS-RPT reports into a new database,
 * then correlates them with a fixture run of the reports' domains, and prints the figures as one JSON line.
 * A process of its own so its peak RSS is the import's, not the generator's.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/store/db';
import { importReports, reportSummary } from '../../electron/cli/reports';
import { createRun, pendingDomains } from '../../electron/store/runs';
import { saveResult } from '../../electron/store/results';
import { DEFAULT_SETTINGS } from '../../shared/types';
import { makeResult } from '../store/fixtures/domain-results';

const [dir, file, domainCount] = process.argv.slice(2) as [string, string, string];
const db = openDatabase(file);
const domains = Array.from({ length: Number(domainCount) }, (_, i) => `d${i}.bench.example`);
const run = createRun(db, { name: 'bench', source: 'bench', settings: DEFAULT_SETTINGS, toolVersion: 'bench', resolver: 'bench', domains: domains.map((d) => ({ input: d, domain: d, tags: {} })) });
db.transaction(() => {
  for (const d of pendingDomains(db, run.id)) saveResult(db, run.id, d.runDomainId, makeResult(d.domain, { posture: 'enforce' }));
})();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const tally = importReports(db, [dir]);
const importMs = performance.now() - t0;
const t1 = performance.now();
const c = reportSummary(db, run.id, 30);
const summaryMs = performance.now() - t1;
process.stdout.write(`${JSON.stringify({
  reports: tally.reports, added: tally.added, rejected: tally.rejected.length, importMs: Math.round(importMs), summaryMs: Math.round(summaryMs),
  rssBeforeMb: Math.round(rssBefore / 2 ** 20), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rows: c.domains.reduce((s, d) => s + d.rows.length, 0),
})}\n`);
db.close();
