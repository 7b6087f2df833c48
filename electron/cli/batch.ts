/**
 * Batch commands over the store: `audit <file>`, `runs`, `resume <run>`, `compare <a> <b>`, `export <run>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../store/db';
import { getRun, listRuns } from '../store/runs';
import type { RunRecord } from '../../shared/types';
import { findingCounts, iterateResults } from '../store/results';
import { groupActions, resultActions } from '../engine/actions';
import type { EstateAction } from '../../shared/actions';
import { POSTURES, SEVERITIES, catalogueEntry } from '../../shared/findings';
import { OUTCOMES, OUTCOME_LABEL, resultOutcome } from '../../shared/outcome';
import { readInputFile } from '../io/read-input';
import { executeRun, startNewRun } from '../run-service';
import { compareRuns, orderRuns } from '../store/comparisons';
import { formatComparison } from './format-compare';
import { defaultDatabasePath } from '../paths';
import { NETWORK_OPTIONS, networkOverrides, parse, settingsFrom, UsageError } from './args';
import { progressPrinter } from './progress';
import { exportRun, EXPORT_OPTIONS, wantsExport } from './export';
import { jsonLine, safeText } from './format';

const DB_OPTION = { db: { type: 'string' } } as const;

export function openStore(file: string | undefined): Database.Database {
  const target = file ?? defaultDatabasePath();
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  return openDatabase(target);
}

function runId(value: string | undefined, db: Database.Database): RunRecord {
  const id = Number(value);
  if (!value || !Number.isInteger(id) || id < 1) throw new UsageError(`expected a run id (see "runs"), got "${value ?? ''}"`);
  const run = getRun(db, id);
  if (!run) throw new UsageError(`no run with id ${id} in this database`);
  return run;
}

function concurrencyOf(v: string | undefined): number {
  const n = Number(v ?? 32);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError('--concurrency must be a whole number from 1 to 1024');
  return n;
}

/** The estate's actions grouped by root cause (engine/actions), from every saved result of the run. */
function estateActions(db: Database.Database, runId: number): EstateAction[] {
  const items = function* () {
    for (const { result } of iterateResults(db, runId)) yield { domain: result.domain || result.input, outcome: resultOutcome(result).outcome, actions: resultActions(result).actions };
  };
  return groupActions(items());
}

/** The end-of-run table: postures with their share, findings per severity, the most frequent findings. */
function summary(db: Database.Database, run: RunRecord): string {
  const pct = (n: number) => (run.done > 0 ? `${Math.round((n / run.done) * 100)}%`.padStart(5) : '');
  const lines = [`run ${run.id} "${safeText(run.name)}" ${run.state}: ${run.done}/${run.total} domains`, '', '  outcome                domains'];
  for (const o of OUTCOMES) {
    const n = run.outcomeCounts[o] ?? 0;
    if (n > 0) lines.push(`  ${OUTCOME_LABEL[o].padEnd(20)} ${String(n).padStart(8)} ${pct(n)}`);
  }
  lines.push('', '  posture       domains');
  for (const p of POSTURES) {
    const n = run.postureCounts[p] ?? 0;
    if (n > 0) lines.push(`  ${p.padEnd(12)} ${String(n).padStart(8)} ${pct(n)}`);
  }
  lines.push('', `  findings     ${SEVERITIES.map((sev) => `${sev} ${run.severityCounts[sev] ?? 0}`).join('  ')}`);
  const actions = estateActions(db, run.id).slice(0, 10);
  if (actions.length > 0) {
    lines.push('', '  top actions (by outcome, then domains and hosts affected)    domains');
    for (const a of actions) lines.push(`  ${String(a.priority).padStart(3)}. ${safeText(a.title).padEnd(58)} ${String(a.domains.length).padStart(6)}`);
  }
  const top = findingCounts(db, run.id).filter((f) => f.severity !== 'info').slice(0, 10);
  if (top.length > 0) {
    lines.push('', '  worst problems (by severity, then domains)    domains');
    for (const f of top) lines.push(`  ${f.severity.padEnd(8)} ${f.code.padEnd(36)} ${String(f.count).padStart(6)}  ${catalogueEntry(f.code).title}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Ctrl-C stops scheduling new domains; those in flight that finish within a few seconds are saved, the rest
 * stay pending for `resume`.
 */
function interruptible(): AbortController {
  const ac = new AbortController();
  // `on`, not `once`: the same Ctrl-C may arrive twice (from the terminal and relayed by a wrapper), and a
  // second delivery with no listener left would kill the process before it saves.
  process.on('SIGINT', () => ac.abort());
  return ac;
}

export async function runAudit(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { ...NETWORK_OPTIONS, ...DB_OPTION, ...EXPORT_OPTIONS, name: { type: 'string' }, client: { type: 'string' }, concurrency: { type: 'string' }, column: { type: 'string' }, sheet: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('audit needs exactly one CSV or XLSX file');
  const file = positionals[0]!;
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const settings = settingsFrom(values);
  const concurrency = concurrencyOf(values.concurrency);
  const { imported, inputFile } = await readInputFile(file, { column: values.column, sheet: values.sheet });
  const err = process.stderr;
  const where = imported.sheet ? `, sheet "${safeText(imported.sheet)}"` : '';
  err.write(`imported ${imported.rows.length} domains from ${path.basename(file)}${where} (column "${safeText(imported.domainColumn)}"), ${imported.rejects.length} rows not used\n`);
  for (const s of imported.skippedSheets ?? []) err.write(`  sheet "${safeText(s.sheet)}" skipped: ${safeText(s.reason)}\n`);
  for (const r of imported.rejects.slice(0, 20)) err.write(`  ${r.sheet ? `sheet "${safeText(r.sheet)}" ` : ''}row ${r.row}: ${safeText(r.reason)}\n`);
  if (imported.rejects.length > 20) err.write(`  … and ${imported.rejects.length - 20} more\n`);
  const db = openStore(values.db);
  try {
    const run = startNewRun(db, { name: values.name ?? path.basename(file), client: values.client, source: path.basename(file), settings, domains: imported.rows, inputFile });
    const done = await executeRun(db, run.id, { concurrency, onProgress: progressPrinter(err), signal: interruptible().signal });
    return await finish(db, done.run, values, out);
  } finally {
    db.close();
  }
}

async function finish(db: Database.Database, run: RunRecord, values: Parameters<typeof wantsExport>[0] & { json?: boolean }, out: NodeJS.WritableStream): Promise<number> {
  out.write(values.json ? jsonLine(run) : summary(db, run));
  if (run.state === 'completed' && wantsExport(values)) await exportRun(db, run.id, values, out);
  return run.state === 'completed' ? 0 : 1;
}

export async function runResume(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { ...NETWORK_OPTIONS, ...DB_OPTION, ...EXPORT_OPTIONS, concurrency: { type: 'string' } });
  const db = openStore(values.db);
  try {
    const run = runId(positionals[0], db);
    const done = await executeRun(db, run.id, { concurrency: concurrencyOf(values.concurrency), onProgress: progressPrinter(process.stderr), signal: interruptible().signal, settingsOverride: networkOverrides(values) });
    return await finish(db, done.run, values, out);
  } finally {
    db.close();
  }
}

/** "imported from X.zip, signed by key …": an imported run is read-only, and whose signature it carries matters. */
function importedNote(r: RunRecord): string {
  if (!r.imported) return '';
  return `  [imported from ${safeText(r.imported.bundle)}, read-only; signed by key ${r.imported.signerFingerprint}${r.imported.signedAt ? ` at ${safeText(r.imported.signedAt)}` : ''}]`;
}

export async function runRuns(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parse(args, { ...DB_OPTION, json: { type: 'boolean' } });
  const db = openStore(values.db);
  try {
    const runs = listRuns(db);
    if (values.json) for (const r of runs) out.write(jsonLine(r));
    else if (runs.length === 0) out.write('no runs yet\n');
    else for (const r of runs) out.write(`${String(r.id).padStart(4)}  ${r.createdAt}  ${r.state.padEnd(9)}  ${String(r.done).padStart(6)}/${String(r.total).padEnd(6)}  ${safeText(r.name)}${r.client ? ` (${safeText(r.client)})` : ''}${importedNote(r)}\n`);
    return 0;
  } finally {
    db.close();
  }
}

export async function runCompare(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { ...DB_OPTION, json: { type: 'boolean' }, all: { type: 'boolean' } });
  if (positionals.length !== 2) throw new UsageError('compare needs two run ids: compare <earlier> <later>');
  const db = openStore(values.db);
  try {
    // Whatever order they were named in, the earlier audit by date comes first (CHECKS §7.3).
    const [a, b] = orderRuns(db, runId(positionals[0], db).id, runId(positionals[1], db).id);
    if (a.id === b.id) throw new UsageError('compare needs two different runs');
    const diffs = [...compareRuns(db, a.id, b.id)];
    if (values.json) {
      for (const d of diffs) out.write(jsonLine(d));
      return 0;
    }
    out.write(formatComparison(a, b, diffs, values.all === true));
    return 0;
  } finally {
    db.close();
  }
}

export async function runExport(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { ...DB_OPTION, ...EXPORT_OPTIONS });
  if (!wantsExport(values)) throw new UsageError('export needs at least one of --xlsx, --pdf, --bundle');
  const db = openStore(values.db);
  try {
    const run = runId(positionals[0], db);
    await exportRun(db, run.id, values, out);
    return 0;
  } finally {
    db.close();
  }
}
