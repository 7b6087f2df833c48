/**
 * Offline review: opens an evidence bundle into its own read-only run (issue 15). The bundle is verified first
 * (verify.ts: hashes, signature, signer, every domain judged again) and refused with the verify report's
 * problems unless everything holds; a hostile ZIP is refused by the same reader (read-zip.ts), which never
 * unpacks anything to disk. Then evidence.json is read a second time, line by line, into a new run marked
 * imported (store/imported-runs.ts): each result saved through the normal result writer (store/results.ts),
 * so the run lists, browses, compares and exports like any run.
 *
 * Two checks make the copy exact: the bytes read in the second pass hash to what verify checked against the
 * signed manifest (the file cannot be swapped in between), and evidence.json written again from the store
 * hashes the same (so a re-export is byte-identical). A bundle that fails either leaves nothing behind.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditSettings, DomainResult, RunRecord, StoredRunState } from '../../../shared/types';
import { addImportedDomain, createImportedRun, type OriginalRun } from '../../store/imported-runs';
import { saveResult } from '../../store/results';
import { deleteRun, getRun } from '../../store/runs';
import { EvidenceJsonWriter } from '../report/evidence-json';
import { openStoreSource } from '../report/store-source';
import { BUNDLE_FILES } from './names';
import { openBundle } from './read-zip';
import { lines, verifyBundle, type Rejudge, type VerifyReport } from './verify';

/** A bundle that does not verify (or cannot be opened as a run): `report` says why when verify ran. */
export class BundleRefusedError extends Error {
  override readonly name = 'BundleRefusedError';

  constructor(message: string, readonly report?: VerifyReport) {
    super(message);
  }
}

export interface ImportBundleOptions {
  /** Replaces the engine's judging in verify (tests); the default is the engine's own. */
  rejudge?: Rejudge;
}

export interface ImportedBundle {
  run: RunRecord;
  report: VerifyReport;
}

/** Domains saved per transaction: one commit per domain would dominate a 20,000-domain import. */
const BATCH = 256;
const STATES: readonly StoredRunState[] = ['pending', 'running', 'paused', 'cancelled', 'completed', 'failed'];

/** The original run from evidence.json's first line; refused when a field the run needs is not there. */
function originalRun(head: string): OriginalRun {
  const run = (JSON.parse(`${head}]}`) as { run?: Record<string, unknown> }).run;
  const str = (k: string) => (typeof run?.[k] === 'string' ? (run[k] as string) : undefined);
  const orNull = (k: string) => (run?.[k] === null || run?.[k] === undefined ? null : str(k) ?? null);
  const state = str('state') as StoredRunState | undefined;
  const settings = run?.settings;
  if (!run || str('name') === undefined || str('createdAt') === undefined || !state || !STATES.includes(state) || !settings || typeof settings !== 'object') {
    throw new BundleRefusedError(`${BUNDLE_FILES.evidence} has no complete run header (name, creation date, state and settings are needed to open it)`);
  }
  return {
    id: typeof run.id === 'number' ? run.id : null, name: str('name')!, client: orNull('client'), source: orNull('source'), createdAt: str('createdAt')!,
    finishedAt: orNull('finishedAt'), state, toolVersion: str('toolVersion') ?? '', resolver: str('resolver') ?? '', total: Number(run.total ?? 0),
    settings: settings as AuditSettings,
  };
}

/** The bytes as they are read, hashed on the way. */
async function* hashing(chunks: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    hash.update(c);
    yield c;
  }
}

/** evidence.json as a store read gives it back now: its SHA-256. */
function reexportedSha256(db: Database.Database, runId: number): string {
  const source = openStoreSource(db, runId);
  try {
    const writer = new EvidenceJsonWriter(source.run);
    for (const item of source.results()) writer.add(item);
    return writer.end().sha256;
  } finally {
    source.close();
  }
}

type Entry = { input: string; domain: string; tags: Record<string, string>; result: DomainResult };

export async function importBundle(db: Database.Database, file: string, opts: ImportBundleOptions = {}): Promise<ImportedBundle> {
  const report = await verifyBundle(file, { rejudge: opts.rejudge });
  if (!report.ok) throw new BundleRefusedError(`${report.bundle} does not verify, so it is not opened: ${report.problems.join('; ')}`, report);
  const verified = report.files.find((f) => f.name === BUNDLE_FILES.evidence)?.sha256;
  if (!verified || !report.signer || !report.evidence) throw new BundleRefusedError(`${report.bundle} has no verified ${BUNDLE_FILES.evidence}`, report);
  const signer = report.signer;
  const domains = report.evidence.domains;

  const bundle = await openBundle(file);
  const hash = createHash('sha256');
  let runId: number | undefined;
  let batch: Entry[] = [];
  const save = db.transaction((items: Entry[]) => {
    for (const e of items) saveResult(db, runId!, addImportedDomain(db, runId!, e), e.result, { exactProbes: true });
  });
  const flush = () => {
    save.immediate(batch);
    batch = [];
  };
  try {
    let ended = false;
    for await (const line of lines(hashing(bundle.chunks(BUNDLE_FILES.evidence), hash))) {
      if (runId === undefined) {
        runId = createImportedRun(db, { original: originalRun(line), head: line, bundle: report.bundle, signerFingerprint: signer.fingerprint, signedAt: signer.signedAt ?? null, domains });
        continue;
      }
      if (line === ']}') {
        ended = true;
        continue;
      }
      const entry = JSON.parse(line.replace(/,$/, '')) as Entry;
      batch.push({ input: entry.input, domain: entry.domain, tags: entry.tags ?? {}, result: entry.result });
      if (batch.length >= BATCH) flush();
    }
    if (batch.length > 0) flush();
    if (runId === undefined || !ended) throw new BundleRefusedError(`${BUNDLE_FILES.evidence} ends early`);
    if (hash.digest('hex') !== verified) throw new BundleRefusedError(`${report.bundle} changed while it was being opened: ${BUNDLE_FILES.evidence} is no longer the file that was verified`);
    const run = getRun(db, runId)!;
    if (run.done !== domains) throw new BundleRefusedError(`${BUNDLE_FILES.evidence} holds ${run.done} domain(s) where verify counted ${domains}`);
    // What makes the re-export exact is checked here, once, rather than promised: a result the store cannot
    // give back as recorded (key order, a probe shared differently) refuses the bundle instead.
    if (reexportedSha256(db, runId) !== verified) throw new BundleRefusedError(`${report.bundle} cannot be reopened exactly: ${BUNDLE_FILES.evidence} written again from the store differs from the bundle's`);
    return { run, report };
  } catch (err) {
    if (runId !== undefined) deleteRun(db, runId);
    if (err instanceof SyntaxError) throw new BundleRefusedError(`${BUNDLE_FILES.evidence} cannot be read as evidence: ${err.message}`, report);
    throw err;
  }
}
