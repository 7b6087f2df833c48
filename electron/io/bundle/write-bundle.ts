/**
 * The evidence bundle: one ZIP holding everything an audit's verdicts rest on, signed. The PDF evidence pack,
 * the workbook, evidence.json (every result with its raw evidence; report/evidence-json.ts) and its JSON
 * Schema, the input file as imported with its import report, the run's settings, the tool's identity, the
 * extra CA if any, a README, and manifest.sha256 (which `sha256sum -c` accepts) signed with the auditor's
 * Ed25519 key (manifest.sig, over the manifest's exact bytes; bundle/signing-key.ts). Who signed and when is
 * in signing.json, which the manifest covers, so the signature covers it too.
 *
 * The large parts are written to a private temporary directory first, each streamed, and the ZIP is streamed
 * from those files, so no large part is ever held in memory whole. The file list lives in bundle/names.ts.
 */
import { createHash, sign } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import yazl from 'yazl';
import { getRunInput, type StoredRunInput } from '../../store/run-inputs';
import { evidenceSchema } from './evidence-schema';
import { BUNDLE_FILES, inputEntryName, type SigningRecord } from './names';
import { bundleReadme } from './readme';
import { bundleWorkDir } from './work-dir';
import type { SigningKey } from './signing-key';
import { toolIdentity } from './tool-identity';
import { writeEvidencePdfFile, type DomainPages } from '../evidence-pack';
import { EvidenceJsonWriter } from '../report/evidence-json';
import { writeReplacing } from '../report/output-file';
import type { ReportSource } from '../report/source';
import { openStoreSource, type StoreSourceOptions } from '../report/store-source';
import { writeWorkbookFile } from '../workbook';

export { BUNDLE_FILES } from './names';

export interface BundleOptions {
  auditor?: string;
  summaryOnly?: boolean;
  /** The PDF's domain sections (evidence-pack.ts). */
  domainPages?: DomainPages;
  /** Signs the manifest; its fingerprint and the signing time go on the PDF's cover. */
  signingKey: SigningKey;
  /** The run's input file and import report; undefined for a run made before inputs were kept. */
  input?: StoredRunInput;
  /** The signing time; defaults to now. */
  signedAt?: Date;
}

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

/** One file of the bundle: on disk (large, streamed) or in memory (small). */
type Part = { name: string; file: string; compress: boolean } | { name: string; bytes: Buffer };

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

async function zip(parts: Part[], target: string): Promise<void> {
  const z = new yazl.ZipFile();
  // A fixed date: the entry times carry no evidence (signing.json does), and the ZIP's bytes stay reproducible.
  const mtime = new Date(Date.UTC(2000, 0, 1));
  for (const p of parts) {
    // The PDF and the workbook are compressed already; deflating them again only costs time.
    if ('file' in p) z.addFile(p.file, p.name, { compress: p.compress, mtime, mode: 0o100644 });
    else z.addBuffer(p.bytes, p.name, { mtime, mode: 0o100644 });
  }
  z.end();
  await pipeline(z.outputStream, fs.createWriteStream(target));
}

/** The small parts that describe the run: input, import report, settings, tool, extra CA, schema. */
function describingParts(source: ReportSource, input: StoredRunInput | undefined): { parts: Part[]; inputFacts: Parameters<typeof bundleReadme>[0]['input'] } {
  const parts: Part[] = [];
  let inputFacts: Parameters<typeof bundleReadme>[0]['input'];
  if (input?.bytes) {
    const entry = inputEntryName(input.fileName);
    parts.push({ name: entry, bytes: input.bytes });
    inputFacts = { entry, record: input };
  } else if (input) {
    inputFacts = { missing: `the file was too large to keep (${input.size} bytes); ${BUNDLE_FILES.importReport} names it by its SHA-256`, record: input };
  } else {
    inputFacts = { missing: 'this run was created by a release that did not keep the input file or its import report' };
  }
  if (input) {
    const bundledAs = 'entry' in inputFacts ? inputFacts.entry : null;
    parts.push({ name: BUNDLE_FILES.importReport, bytes: json({ input: { fileName: input.fileName, size: input.size, sha256: input.sha256, bundledAs }, report: input.report }) });
  }
  const settings = source.run.settings;
  parts.push({ name: BUNDLE_FILES.settings, bytes: json(settings) });
  parts.push({ name: BUNDLE_FILES.tool, bytes: json(toolIdentity(settings.extraCaPem)) });
  if (settings.extraCaPem) parts.push({ name: BUNDLE_FILES.extraCa, bytes: Buffer.from(settings.extraCaPem, 'utf8') });
  parts.push({ name: BUNDLE_FILES.schema, bytes: json(evidenceSchema()) });
  return { parts, inputFacts };
}

/** Writes the bundle to `target`, replacing a file there only once the new one is complete (output-file.ts). */
export async function writeBundleFrom(source: ReportSource, target: string, opts: BundleOptions): Promise<void> {
  const dir = await bundleWorkDir();
  try {
    await writeReplacing(target, (temp) => writeBundleFile(source, temp, dir, opts));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the bundle into `file` as it is (an export's temporary file; see export/run-export.ts), its large
 * parts first into `dir`, which the caller made (bundleWorkDir) and removes.
 */
export async function writeBundleFile(source: ReportSource, file: string, dir: string, opts: BundleOptions): Promise<void> {
  const key = opts.signingKey;
  // To the second: the time a person reads on the cover and in signing.json.
  const signedAt = `${(opts.signedAt ?? new Date()).toISOString().slice(0, 19)}Z`;
  const partFile = (name: string) => path.join(dir, name);
  await writeEvidencePdfFile(source, partFile(BUNDLE_FILES.pdf), {
    summaryOnly: opts.summaryOnly ?? false, auditor: opts.auditor, domainPages: opts.domainPages, signature: { fingerprint: key.fingerprint, signedAt },
  });
  await writeWorkbookFile(source, partFile(BUNDLE_FILES.workbook), { preparedBy: opts.auditor });
  const evidenceSha = await writeEvidenceJson(source, partFile(BUNDLE_FILES.evidence));
  const { parts: describing, inputFacts } = describingParts(source, opts.input);
  const signing: SigningRecord = { algorithm: 'Ed25519', fingerprint: key.fingerprint, signedAt, publicKeyFile: BUNDLE_FILES.publicKey };
  const parts: Part[] = [
    { name: BUNDLE_FILES.readme, bytes: Buffer.from(bundleReadme({ run: source.run, fingerprint: key.fingerprint, signedAt, input: inputFacts, extraCa: !!source.run.settings.extraCaPem }), 'utf8') },
    { name: BUNDLE_FILES.pdf, file: partFile(BUNDLE_FILES.pdf), compress: false },
    { name: BUNDLE_FILES.workbook, file: partFile(BUNDLE_FILES.workbook), compress: false },
    { name: BUNDLE_FILES.evidence, file: partFile(BUNDLE_FILES.evidence), compress: true },
    ...describing,
    { name: BUNDLE_FILES.signing, bytes: json(signing) },
    { name: BUNDLE_FILES.publicKey, bytes: Buffer.from(key.publicPem, 'utf8') },
  ];
  const lines: string[] = [];
  for (const p of parts) {
    const sha = 'bytes' in p ? createHash('sha256').update(p.bytes).digest('hex') : p.name === BUNDLE_FILES.evidence ? evidenceSha : await sha256File(p.file);
    lines.push(`${sha}  ${p.name}`);
  }
  const manifest = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  // Ed25519 takes no separate digest (RFC 8032 §5.1.6): the algorithm argument is null.
  const signature = sign(null, manifest, key.privateKey);
  parts.push({ name: BUNDLE_FILES.manifest, bytes: manifest }, { name: BUNDLE_FILES.signature, bytes: signature });
  await zip(parts, file);
}

export async function writeBundle(db: Database.Database, runId: number, target: string, opts: Omit<BundleOptions, 'input'> & StoreSourceOptions): Promise<void> {
  const source = openStoreSource(db, runId, { tag: opts.tag });
  try {
    await writeBundleFrom(source, target, { ...opts, input: getRunInput(db, runId) });
  } finally {
    source.close();
  }
}
