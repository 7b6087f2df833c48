/** The export flags shared by `export` and `audit`, and the export itself. */
import type Database from 'better-sqlite3';
import type { DomainPages } from '../io/evidence-pack';
import { writeExport } from '../io/export/run-export';
import { dataFolderSigningKey, readSigningKey } from '../io/bundle/signing-key';
import { defaultDataDir } from '../paths';
import type { TagFilter } from '../../shared/tags';

export const EXPORT_OPTIONS = {
  xlsx: { type: 'string' },
  pdf: { type: 'string' },
  bundle: { type: 'string' },
  'summary-only': { type: 'boolean' },
  /** PDF: `all` (a section per domain) or `with-defects` (the rest in one table); default by estate size. */
  'domain-pages': { type: 'string' },
  auditor: { type: 'string' },
  /** Bundle: sign with this Ed25519 private key (PEM) instead of the data folder's own key. */
  'signing-key': { type: 'string' },
  /** `name=value`: only the domains whose imported tag `name` holds exactly `value` (`name=`: without it). */
  tag: { type: 'string' },
} as const;

export interface ExportValues {
  xlsx?: string;
  pdf?: string;
  bundle?: string;
  'summary-only'?: boolean;
  'domain-pages'?: string;
  auditor?: string;
  'signing-key'?: string;
  tag?: string;
}

/**
 * `--tag owner=Sales`: split at the first '=' only, since a value may hold one; nothing is trimmed, as the
 * table's tag filter matches names and values exactly (DECISIONS "tag filter semantics").
 */
export function parseTagOption(text: string): TagFilter {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`--tag takes NAME=VALUE (e.g. --tag owner=Sales), not ${text}`);
  return { name: text.slice(0, at), value: text.slice(at + 1) };
}

export function wantsExport(v: ExportValues): boolean {
  return !!(v.xlsx || v.pdf || v.bundle);
}

export async function exportRun(db: Database.Database, runId: number, v: ExportValues, out: NodeJS.WritableStream): Promise<void> {
  const pages = v['domain-pages'];
  if (pages !== undefined && pages !== 'all' && pages !== 'with-defects') throw new Error(`--domain-pages takes all or with-defects, not ${pages}`);
  const tag = v.tag === undefined ? undefined : parseTagOption(v.tag);
  const opts = { runId, summaryOnly: v['summary-only'] ?? false, auditor: v.auditor, domainPages: pages as DomainPages | undefined, tag };
  if (v.xlsx) {
    await writeExport(db, { kind: 'workbook', runId, tag, auditor: v.auditor }, v.xlsx);
    out.write(`workbook: ${v.xlsx}\n`);
  }
  if (v.pdf) {
    await writeExport(db, { kind: 'pdf', ...opts }, v.pdf);
    out.write(`pdf: ${v.pdf}\n`);
  }
  if (v.bundle) {
    const key = v['signing-key'] ? readSigningKey(v['signing-key']) : dataFolderSigningKey(defaultDataDir());
    await writeExport(db, { kind: 'bundle', ...opts, signingKey: key }, v.bundle);
    out.write(`bundle: ${v.bundle}\nsigned by key ${key.fingerprint}\n`);
  }
}
