/**
 * The evidence bundle: one ZIP holding the PDF evidence pack, the workbook, evidence.json (every result with
 * its raw evidence, plus the run metadata; defined in report/evidence-json.ts) and manifest.sha256, which
 * `sha256sum -c manifest.sha256` accepts. The parts are written to a private temporary directory first, each
 * streamed, and the ZIP is then streamed from those files, so no part is ever held in memory whole.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import yazl from 'yazl';
import { writeEvidencePdfFrom, type DomainPages } from './evidence-pack';
import { EvidenceJsonWriter } from './report/evidence-json';
import { writeReplacing } from './report/output-file';
import type { ReportSource } from './report/source';
import { openStoreSource, type StoreSourceOptions } from './report/store-source';
import { writeWorkbookFrom } from './workbook';

export interface BundleOptions {
  auditor?: string;
  summaryOnly?: boolean;
  /** The PDF's domain sections (evidence-pack.ts). */
  domainPages?: DomainPages;
}

export const BUNDLE_FILES = { pdf: 'evidence-pack.pdf', workbook: 'workbook.xlsx', evidence: 'evidence.json', manifest: 'manifest.sha256' } as const;

/** Writes evidence.json, waiting for the file to drain so a large run never piles up in the write buffer. */
export async function writeEvidenceJson(source: ReportSource, file: string): Promise<string> {
  const out = fs.createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {}); // observed through the races below; never an unhandled rejection
  const writer = new EvidenceJsonWriter(source.run, (chunk) => out.write(chunk));
  for (const item of source.results()) {
    writer.add(item);
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), failed]);
  }
  const digest = writer.end();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return digest.sha256;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

async function zip(dir: string, target: string, manifest: string): Promise<void> {
  const z = new yazl.ZipFile();
  // The PDF and the workbook are compressed already; deflating them again only costs time.
  z.addFile(path.join(dir, BUNDLE_FILES.pdf), BUNDLE_FILES.pdf, { compress: false });
  z.addFile(path.join(dir, BUNDLE_FILES.workbook), BUNDLE_FILES.workbook, { compress: false });
  z.addFile(path.join(dir, BUNDLE_FILES.evidence), BUNDLE_FILES.evidence);
  z.addBuffer(Buffer.from(manifest, 'utf8'), BUNDLE_FILES.manifest);
  z.end();
  await pipeline(z.outputStream, fs.createWriteStream(target));
}

export async function writeBundleFrom(source: ReportSource, target: string, opts: BundleOptions = {}): Promise<void> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mta-sts-bundle-'));
  try {
    await writeEvidencePdfFrom(source, path.join(dir, BUNDLE_FILES.pdf), { summaryOnly: opts.summaryOnly ?? false, auditor: opts.auditor, domainPages: opts.domainPages });
    await writeWorkbookFrom(source, path.join(dir, BUNDLE_FILES.workbook), { preparedBy: opts.auditor });
    const evidenceSha = await writeEvidenceJson(source, path.join(dir, BUNDLE_FILES.evidence));
    const lines = [
      `${await sha256File(path.join(dir, BUNDLE_FILES.pdf))}  ${BUNDLE_FILES.pdf}`,
      `${await sha256File(path.join(dir, BUNDLE_FILES.workbook))}  ${BUNDLE_FILES.workbook}`,
      `${evidenceSha}  ${BUNDLE_FILES.evidence}`,
    ];
    await writeReplacing(target, (temp) => zip(dir, temp, `${lines.join('\n')}\n`));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

export async function writeBundle(db: Database.Database, runId: number, target: string, opts: BundleOptions & StoreSourceOptions = {}): Promise<void> {
  const source = openStoreSource(db, runId, { tag: opts.tag });
  try {
    await writeBundleFrom(source, target, opts);
  } finally {
    source.close();
  }
}
