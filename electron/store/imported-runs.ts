/**
 * The store's side of opening an evidence bundle (io/bundle/import.ts): a run made from the original run's
 * header, marked imported (migration 005), its domains added in import order, and the first line of
 * evidence.json kept verbatim for the re-export.
 */
import type Database from 'better-sqlite3';
import type { RunRecord } from '../../shared/types';
import { storedClient } from './client-key';
import { defineStatements } from './statements';

/** The original run as evidence.json's header records it (report/evidence-json.ts runHeader); its id may be absent. */
export type OriginalRun = Pick<RunRecord, 'name' | 'client' | 'source' | 'createdAt' | 'finishedAt' | 'state' | 'toolVersion' | 'resolver' | 'total' | 'settings'> & {
  id: number | null;
};

export interface ImportedRunInput {
  original: OriginalRun;
  /** evidence.json's first line, without its line feed. */
  head: string;
  bundle: string;
  signerFingerprint: string;
  signedAt: string | null;
  /** The number of domain entries evidence.json holds (verify counted them). */
  domains: number;
}

const statements = defineStatements({
  insertRun: `INSERT INTO runs (name, client, source, created_at, finished_at, state, settings_json, tool_version, resolver, total,
                 imported_from, imported_at, signer_fingerprint, signed_at, original_id, original_head)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertDomain: 'INSERT INTO run_domains (run_id, input, domain, tags_json) VALUES (?, ?, ?, ?)',
  head: 'SELECT original_head FROM runs WHERE id = ? AND imported_from IS NOT NULL',
});

/**
 * Creates the imported run, with no domains yet. `total` is the bundle's domain count (what the run holds
 * here), which is also the header's whenever the bundle is a whole run's.
 */
export function createImportedRun(db: Database.Database, input: ImportedRunInput): number {
  const o = input.original;
  return Number(statements(db).insertRun.run(
    o.name, storedClient(o.client ?? undefined), o.source, o.createdAt, o.finishedAt, o.state, JSON.stringify(o.settings), o.toolVersion,
    o.resolver, input.domains, input.bundle, new Date().toISOString(), input.signerFingerprint, input.signedAt, o.id, input.head,
  ).lastInsertRowid);
}

/** Adds one domain entry (in evidence.json's order) and returns its id, for saveResult. */
export function addImportedDomain(db: Database.Database, runId: number, d: { input: string; domain: string; tags: Record<string, string> }): number {
  return Number(statements(db).insertDomain.run(runId, d.input, d.domain, JSON.stringify(d.tags)).lastInsertRowid);
}

/** evidence.json's first line as the bundle held it; undefined for a run audited here. */
export function importedEvidenceHead(db: Database.Database, runId: number): string | undefined {
  return (statements(db).head.pluck().get(runId) as string | null | undefined) ?? undefined;
}
