/**
 * `reports import <path...>` stores TLS-RPT reports (RFC 8460 §4) from files, mail and folders;
 * `reports summary` puts the latest audit's prediction next to what senders reported, per domain and MX.
 */
import type Database from 'better-sqlite3';
import { importReports } from '../io/tlsrpt/import-reports';
import { observedPolicies } from '../store/tlsrpt-reports';
import { catalogueTitle } from '../store/tlsrpt-correlation';
import { getRun, listRuns } from '../store/runs';
import { iterateResults } from '../store/results';
import { correlate, CORRELATION_CLASSES, type Correlation } from '../engine/tlsrpt/correlate';
import { CORRELATION_LABEL } from '../../shared/tlsrpt-words';
import { reportPeriod } from '../engine/tlsrpt/trend';
import { parse, UsageError } from './args';
import { openStore } from './batch';
import { jsonLine, safeText } from './format';

async function runImport(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('reports import needs at least one file or folder');
  const db = openStore(values.db);
  try {
    const t = importReports(db, positionals);
    if (values.json) out.write(jsonLine(t));
    else {
      out.write(`${t.reports} reports read: ${t.added} added, ${t.duplicates} already stored; ${t.rejected.length} rejected\n`);
      for (const r of t.rejected.slice(0, 50)) out.write(`  rejected ${safeText(r.source)}: ${safeText(r.reason)}\n`);
      if (t.rejected.length > 50) out.write(`  … and ${t.rejected.length - 50} more\n`);
    }
    // Like lint: a rejected file is a failure a script should see, even when the rest was stored.
    return t.rejected.length > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}

/** The run to compare with: the one named, else the newest with saved results. */
function chosenRun(db: Database.Database, value: string | undefined): number {
  if (value !== undefined) {
    const id = Number(value);
    if (!Number.isInteger(id) || id < 1) throw new UsageError(`--run expects a run id (see "runs"), got "${value}"`);
    if (!getRun(db, id)) throw new UsageError(`no run with id ${id} in this database`);
    return id;
  }
  const run = listRuns(db).find((r) => r.done > 0);
  if (!run) throw new Error('no audit with results in this database: run "audit" first');
  return run.id;
}

export { importReports, type ImportTally } from '../io/tlsrpt/import-reports';

export function reportSummary(db: Database.Database, runId: number, days: number, now = new Date()): Correlation {
  const { from, to } = reportPeriod(days, now);
  const results = [...iterateResults(db, runId)].map((r) => r.result);
  return correlate(results, observedPolicies(db, from, to), { from, to }, catalogueTitle);
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

// The shared words; the class that needs a look is shouted, since a terminal has no colour to spare.
const LABEL = (k: (typeof CORRELATION_CLASSES)[number]) => (k === 'observed-not-predicted' ? CORRELATION_LABEL[k].toUpperCase() : CORRELATION_LABEL[k]);

export function formatSummary(c: Correlation, runId: number): string {
  const lines = [`TLS-RPT reports ${c.from.slice(0, 10)} to ${c.to.slice(0, 10)} against run ${runId}`, ''];
  const counts = new Map<string, number>();
  for (const d of c.domains) for (const r of d.rows) counts.set(r.class, (counts.get(r.class) ?? 0) + 1);
  lines.push(`  ${CORRELATION_CLASSES.map((k) => `${LABEL(k)} ${counts.get(k) ?? 0}`).join('  ')}`, '');
  for (const d of c.domains) {
    if (d.reports === 0 && d.rows.every((r) => r.class === 'no-reports' && r.predicted.length === 0 && !r.undeliverable)) continue;
    lines.push(`${safeText(d.domain)}  ${plural(d.reports, 'report')}, ${d.successfulSessions.toLocaleString('en-US')} sessions ok, ${d.failedSessions.toLocaleString('en-US')} failed`);
    for (const r of d.rows) lines.push(`  ${LABEL(r.class).padEnd(13)} ${safeText(r.text)}`);
  }
  const quiet = c.domains.filter((d) => d.reports === 0 && d.rows.every((r) => r.predicted.length === 0 && !r.undeliverable)).length;
  if (quiet) lines.push(`(${plural(quiet, 'domain')} with no report and no predicted failure not shown)`);
  if (c.outside.length) {
    lines.push('', 'reports for domains not in this audit:');
    for (const o of c.outside) lines.push(`  ${safeText(o.domain)}  ${plural(o.reports, 'report')}, ${o.successfulSessions.toLocaleString('en-US')} ok, ${o.failedSessions.toLocaleString('en-US')} failed${o.resultTypes.length ? ` (${o.resultTypes.map(safeText).join(', ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

async function runSummary(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' }, run: { type: 'string' }, days: { type: 'string' } });
  if (positionals.length) throw new UsageError(`reports summary takes no arguments, got "${positionals[0]}"`);
  const days = Number(values.days ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new UsageError(`--days must be a whole number from 1 to 3660, got "${values.days}"`);
  const db = openStore(values.db);
  try {
    const runId = chosenRun(db, values.run);
    const c = reportSummary(db, runId, days);
    out.write(values.json ? jsonLine({ run: runId, ...c }) : formatSummary(c, runId));
    return 0;
  } finally {
    db.close();
  }
}

export async function runReports(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return runImport(rest, out);
  if (sub === 'summary') return runSummary(rest, out);
  throw new UsageError(`reports needs "import" or "summary", got "${sub ?? ''}"`);
}
