/**
 * `verify`: checks an evidence bundle on its own, with no network and nothing from the auditor's machine.
 * 1. Every file's SHA-256 against manifest.sha256; files missing from the bundle or not in the manifest named.
 * 2. The Ed25519 signature (RFC 8032) over the manifest's exact bytes, with the public key in the bundle; who
 *    signed (the key's fingerprint) and when (signing.json, which the manifest covers).
 * 3. The signer and the evidence are the ones the PDF was made with (its document information names both), and
 *    the signer is the one expected when the caller names one: a bundle edited and re-signed with another key
 *    verifies as a signature, but not as the same auditor's.
 * 4. evidence.json's schema version is one this release reads.
 * 5. Every domain judged again from its recorded evidence alone, by the engine's own rules (engine/judge/), and
 *    any difference from the recorded posture, outcome or finding codes named per domain.
 * Everything that fails is named in `problems`; `ok` only when there is none.
 */
import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { DomainDifference, FileStatus, VerifyReport } from '../../../shared/bundle-verify';
import { EVIDENCE_FORMAT, EVIDENCE_VERSION } from '../report/evidence-json';
import { rejudgeDomain, verdictDifferences, type RecordedRun } from '../../engine/judge';

export type { DomainDifference, FileCheck, FileStatus, VerifyReport } from '../../../shared/bundle-verify';
import { BUNDLE_FILES, type SigningRecord } from './names';
import { BundleError, openBundle, unsafeName, type OpenBundle } from './read-zip';
import { keyFingerprint } from './signing-key';

/** One domain entry of evidence.json as recorded (a line of the file, parsed). */
export interface RecordedDomain {
  /** 1-based position in evidence.json. */
  index: number;
  input: string;
  domain: string;
  tags: Record<string, string>;
  /** The recorded DomainResult, untrusted: whatever the bundle holds. */
  result: unknown;
}

/**
 * Judges one domain again from its recorded evidence alone (with the run's recorded settings) and returns how
 * the verdict differs from the recorded one (none: it holds).
 */
export type Rejudge = (recorded: RecordedDomain, run: RecordedRun) => DomainDifference[];

/** The engine's own judging, with no network (engine/judge/): what `verify` uses unless told otherwise. */
export const judgeAgain: Rejudge = (recorded, run) => {
  const entry = { input: recorded.input, domain: recorded.domain, tags: recorded.tags, result: recorded.result as never };
  return verdictDifferences(entry, rejudgeDomain(entry, run), `entry ${recorded.index}`);
};

export interface VerifyOptions {
  /** Defaults to judgeAgain; `false` checks integrity and signature only. */
  rejudge?: Rejudge | false;
  /** The fingerprint the signer must have (grouped hex, spaces and case ignored). */
  expectedSigner?: string;
}

/** The evidence.json schema versions this release reads (report/evidence-json.ts says how they differ). */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];
/** Differences listed in the report; the count covers all. */
const MAX_DIFFERENCES = 1000;
const PDF_OVERLAP = 512;
/** Short string objects remembered while scanning a PDF: its information values are among the first few. */
const MAX_PDF_STRINGS = 10_000;
/** A domain line of evidence.json is a few KB; a line this long is not a bundle's. */
const MAX_LINE = 64 * 1024 * 1024;

const normalFingerprint = (fp: string) => fp.replace(/\s+/g, '').toUpperCase();

/** manifest.sha256 as `sha256sum` writes it: "<64 hex>  <name>" per line. */
function parseManifest(text: string, problems: string[]): Map<string, string> {
  const listed = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m || unsafeName(m[2]!) || listed.has(m[2]!)) {
      problems.push(`${BUNDLE_FILES.manifest} line ${i + 1} is not a "<sha256>  <file>" line of a file named once`);
      return;
    }
    listed.set(m[2]!, m[1]!);
  });
  return listed;
}

/** The keys evidence-pack.ts stampInfo writes into the PDF's document information. */
const PDF_INFO_KEYS = ['SignerFingerprint', 'EvidenceSha256'] as const;
type PdfInfo = Partial<Record<(typeof PDF_INFO_KEYS)[number], string>>;
/** pdfkit writes each information value as an indirect object holding one literal string (PDF 1.7 §7.3.10). */
const INFO_REF = new RegExp(`/(${PDF_INFO_KEYS.join('|')}) (\\d+) 0 R`, 'g');
const STRING_OBJECT = /(?:^|[\r\n])(\d+) 0 obj\s*\(([0-9A-Za-z :.-]{1,100})\)\s*endobj/g;

/**
 * Hashes an entry and, for the PDF, picks out its document information on the way: the references from the
 * information dictionary and the short string objects they may point to. A window overlap catches a value cut
 * between two chunks.
 */
async function hashEntry(bundle: OpenBundle, name: string, scanPdf: boolean): Promise<{ sha256: string; info: PdfInfo }> {
  const hash = createHash('sha256');
  const refs = new Map<string, string>();
  const strings = new Map<string, string>();
  let carry = '';
  for await (const chunk of bundle.chunks(name)) {
    hash.update(chunk);
    if (!scanPdf) continue;
    const text = carry + chunk.toString('latin1');
    for (const m of text.matchAll(INFO_REF)) refs.set(m[1]!, m[2]!);
    for (const m of text.matchAll(STRING_OBJECT)) if (strings.size < MAX_PDF_STRINGS) strings.set(m[1]!, m[2]!);
    carry = text.slice(-PDF_OVERLAP);
  }
  const info: PdfInfo = {};
  for (const key of PDF_INFO_KEYS) {
    const ref = refs.get(key);
    if (ref !== undefined && strings.has(ref)) info[key] = strings.get(ref);
  }
  return { sha256: hash.digest('hex'), info };
}

export async function* lines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  // A character split between two chunks is joined, not turned into two replacement characters.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.write(chunk);
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      yield pending.slice(0, nl);
      pending = pending.slice(nl + 1);
    }
    if (pending.length > MAX_LINE) throw new BundleError(`${BUNDLE_FILES.evidence} has a line longer than ${MAX_LINE} bytes`);
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

/** The schema version named on evidence.json's first line; version 1 files say "version":1 instead. */
function schemaVersionOf(head: string): { format: unknown; version: unknown; run: RecordedRun } {
  const parsed = JSON.parse(`${head}]}`) as { format?: unknown; schemaVersion?: unknown; version?: unknown; run?: { settings?: unknown } };
  const settings = parsed.run?.settings;
  return { format: parsed.format, version: parsed.schemaVersion ?? parsed.version, run: settings && typeof settings === 'object' ? { settings } : {} };
}

/** Reads evidence.json line by line: the schema version, then (with `rejudge`) each domain. */
async function checkEvidence(bundle: OpenBundle, report: VerifyReport, rejudge: Rejudge | undefined): Promise<void> {
  const { problems } = report;
  let index = 0;
  let version: number | undefined;
  let run: RecordedRun = {};
  const differences: DomainDifference[] = [];
  let differing = 0;
  try {
    for await (const line of lines(bundle.chunks(BUNDLE_FILES.evidence))) {
      if (version === undefined) {
        const head = schemaVersionOf(line);
        if (head.format !== EVIDENCE_FORMAT) {
          problems.push(`${BUNDLE_FILES.evidence} is not an evidence file of this tool (format ${JSON.stringify(head.format)})`);
          return;
        }
        if (typeof head.version !== 'number' || !READABLE_SCHEMA_VERSIONS.includes(head.version)) {
          problems.push(`${BUNDLE_FILES.evidence} has schema version ${JSON.stringify(head.version)}; this release reads versions ${READABLE_SCHEMA_VERSIONS.join(' and ')} (${head.version as number > EVIDENCE_VERSION ? 'verify it with a newer release' : 'it is not a version this tool ever wrote'})`);
          return;
        }
        version = head.version;
        run = head.run;
        continue;
      }
      if (line === ']}') break;
      index++;
      if (!rejudge) continue;
      const entry = JSON.parse(line.replace(/,$/, '')) as Omit<RecordedDomain, 'index'>;
      const found = rejudge({ index, input: entry.input, domain: entry.domain, tags: entry.tags, result: entry.result }, run);
      if (found.length > 0) differing++;
      for (const d of found) if (differences.length < MAX_DIFFERENCES) differences.push(d);
    }
  } catch (err) {
    if (err instanceof BundleError) throw err;
    problems.push(`${BUNDLE_FILES.evidence} cannot be read as evidence (line ${index + 1}: ${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  if (version === undefined) {
    problems.push(`${BUNDLE_FILES.evidence} is empty`);
    return;
  }
  report.evidence = { schemaVersion: version, domains: index };
  if (rejudge) {
    report.rejudged = { domains: index, differences };
    if (differing > 0) problems.push(`${differing} domain(s) judged differently from their recorded evidence: ${[...new Set(differences.map((d) => d.domain))].slice(0, 10).join(', ')}`);
  }
}

async function readJson<T>(bundle: OpenBundle, name: string): Promise<T | undefined> {
  if (!bundle.entries.has(name)) return undefined;
  try {
    return JSON.parse((await bundle.read(name)).toString('utf8')) as T;
  } catch (err) {
    if (err instanceof BundleError) throw err;
    return undefined;
  }
}

async function checkSignature(bundle: OpenBundle, manifest: Buffer, report: VerifyReport): Promise<void> {
  const { problems } = report;
  if (!bundle.entries.has(BUNDLE_FILES.signature)) {
    problems.push(`${BUNDLE_FILES.signature} is missing: the manifest is not signed`);
    return;
  }
  let key: KeyObject;
  try {
    key = createPublicKey((await bundle.read(BUNDLE_FILES.publicKey)).toString('utf8'));
    report.signer = { fingerprint: keyFingerprint(key) };
  } catch (err) {
    if (err instanceof BundleError && bundle.entries.has(BUNDLE_FILES.publicKey)) throw err;
    report.signature = 'invalid';
    problems.push(`${BUNDLE_FILES.publicKey} is missing or not an Ed25519 public key: the signature cannot be checked`);
    return;
  }
  const signature = await bundle.read(BUNDLE_FILES.signature, 1024);
  report.signature = verifySignature(null, manifest, key, signature) ? 'valid' : 'invalid';
  if (report.signature === 'invalid') problems.push(`the signature in ${BUNDLE_FILES.signature} does not match ${BUNDLE_FILES.manifest} and the key in ${BUNDLE_FILES.publicKey}`);
  const signing = await readJson<Partial<SigningRecord>>(bundle, BUNDLE_FILES.signing);
  if (!signing) problems.push(`${BUNDLE_FILES.signing} is missing or unreadable: the signing time is not known`);
  else {
    if (typeof signing.signedAt === 'string') report.signer.signedAt = signing.signedAt;
    if (typeof signing.fingerprint !== 'string' || normalFingerprint(signing.fingerprint) !== normalFingerprint(report.signer.fingerprint)) {
      problems.push(`signer changed: ${BUNDLE_FILES.signing} names key ${String(signing.fingerprint)}, but the manifest is signed by key ${report.signer.fingerprint}`);
    }
  }
}

/** Verifies the bundle at `file`. Throws BundleError when the ZIP itself is refused (hostile or damaged). */
export async function verifyBundle(file: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const bundle = await openBundle(file);
  const report: VerifyReport = { ok: false, bundle: bundle.name, signature: 'missing', files: [], problems: [] };
  const { problems } = report;
  if (!bundle.entries.has(BUNDLE_FILES.manifest)) {
    problems.push(`${BUNDLE_FILES.manifest} is missing: nothing in the bundle can be checked`);
    return report;
  }
  const manifest = await bundle.read(BUNDLE_FILES.manifest);
  const listed = parseManifest(manifest.toString('utf8'), problems);
  const hashes = new Map<string, { sha256: string; info: PdfInfo }>();
  for (const [name, expected] of listed) {
    if (!bundle.entries.has(name)) {
      report.files.push({ name, status: 'missing' });
      problems.push(`${name} is listed in the manifest but missing from the bundle`);
      continue;
    }
    const got = await hashEntry(bundle, name, name === BUNDLE_FILES.pdf);
    hashes.set(name, got);
    const status: FileStatus = got.sha256 === expected ? 'ok' : 'modified';
    report.files.push({ name, status, sha256: got.sha256 });
    if (status === 'modified') problems.push(`${name} was modified: its SHA-256 is not the one in the manifest`);
  }
  for (const name of bundle.entries.keys()) {
    if (listed.has(name) || name === BUNDLE_FILES.manifest || name === BUNDLE_FILES.signature) continue;
    report.files.push({ name, status: 'extra' });
    problems.push(`${name} is in the bundle but not in the manifest`);
  }
  await checkSignature(bundle, manifest, report);
  for (const required of [BUNDLE_FILES.evidence, BUNDLE_FILES.publicKey, BUNDLE_FILES.signing]) {
    if (!listed.has(required)) problems.push(`${required} is not covered by the manifest`);
  }
  // The PDF was made with the evidence and the key: a bundle whose evidence.json was replaced and re-signed
  // by another key still carries the original PDF, which names both.
  const pdf = hashes.get(BUNDLE_FILES.pdf);
  if (pdf) {
    const { SignerFingerprint: pdfSigner, EvidenceSha256: pdfEvidence } = pdf.info;
    if (report.signer && pdfSigner && normalFingerprint(pdfSigner) !== normalFingerprint(report.signer.fingerprint)) {
      problems.push(`signer changed: the PDF's cover names key ${pdfSigner}, but the manifest is signed by key ${report.signer.fingerprint}`);
    }
    const evidence = hashes.get(BUNDLE_FILES.evidence);
    if (evidence && pdfEvidence && pdfEvidence !== evidence.sha256) problems.push(`${BUNDLE_FILES.evidence} is not the evidence the PDF was made from (the PDF records SHA-256 ${pdfEvidence})`);
  }
  if (opts.expectedSigner && report.signer && normalFingerprint(opts.expectedSigner) !== normalFingerprint(report.signer.fingerprint)) {
    problems.push(`signer changed: expected key ${opts.expectedSigner}, but the manifest is signed by key ${report.signer.fingerprint}`);
  }
  const tool = await readJson<{ version?: unknown; commit?: unknown }>(bundle, BUNDLE_FILES.tool);
  if (tool) report.tool = { version: String(tool.version), commit: String(tool.commit) };
  if (bundle.entries.has(BUNDLE_FILES.evidence)) await checkEvidence(bundle, report, opts.rejudge === false ? undefined : (opts.rejudge ?? judgeAgain));
  else if (!listed.has(BUNDLE_FILES.evidence)) problems.push(`${BUNDLE_FILES.evidence} is missing`);
  report.ok = problems.length === 0 && report.signature === 'valid';
  return report;
}

export { BundleError } from './read-zip';
