/**
 * The definition of "the evidence JSON", shared by the bundle (which writes it as evidence.json) and the PDF
 * (whose integrity appendix prints its SHA-256): both produce the bytes through this module only, so the two
 * hashes agree by construction.
 *
 * Layout (UTF-8, LF line ends), one domain per line so a single entry can be cut out and re-hashed:
 *
 *   line 1       {"format":"mta-sts-auditor/evidence","schemaVersion":2,"run":{…},"domains":[
 *   line k+1     the k-th domain entry, JSON.stringify({ input, domain, tags, result }), then "," unless last
 *   last line    ]}
 *
 * A domain's evidence hash is the SHA-256 of its entry exactly as on its line, without the trailing comma
 * and line feed. The whole-file hash is the SHA-256 of every byte of the file. Entries follow the run's import
 * order. Nothing time-dependent (such as the export time) is included, so exporting the same run twice gives
 * the same bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import { domainLabel, type ReportItem, type ReportRun } from './source';

export const EVIDENCE_FORMAT = 'mta-sts-auditor/evidence';
/**
 * The layout's version, described by schema/evidence.schema.json in every bundle (io/bundle/evidence-schema.ts).
 * 1: the first bundles ("version":1, no "schemaVersion" key). 2: "schemaVersion" names the version. The domain
 * lines are the same in both, so a reader of 2 reads 1 too (io/bundle/verify.ts).
 */
export const EVIDENCE_VERSION = 2;

export interface DomainDigest {
  domain: string;
  sha256: string;
  bytes: number;
}

export interface EvidenceDigest {
  sha256: string;
  bytes: number;
  domains: number;
}

function runHeader(run: ReportRun): object {
  return {
    id: run.id, name: run.name, client: run.client, source: run.source, createdAt: run.createdAt,
    finishedAt: run.finishedAt, state: run.state, toolVersion: run.toolVersion, resolver: run.resolver,
    total: run.total, settings: run.settings,
  };
}

/**
 * Produces the evidence JSON piece by piece while hashing it. `emit` receives every chunk in order (the
 * bundle writes them to a file; the PDF passes nothing and keeps only the hashes).
 */
export class EvidenceJsonWriter {
  private readonly whole: Hash = createHash('sha256');
  private bytes = 0;
  private count = 0;
  /** The previous entry is held back until we know whether a comma follows it. */
  private pending: Buffer | undefined;

  constructor(run: ReportRun, private readonly emit: (chunk: Buffer) => void = () => {}) {
    if (run.evidenceHead !== undefined) {
      // An imported run: the header exactly as signed, not as this release would write it (io/bundle/import.ts).
      this.write(`${run.evidenceHead}\n`);
      return;
    }
    const head = JSON.stringify({ format: EVIDENCE_FORMAT, schemaVersion: EVIDENCE_VERSION, run: runHeader(run) });
    // `{…}` minus its closing brace, then the array opener: the domains array is the last member.
    this.write(`${head.slice(0, -1)},"domains":[\n`);
  }

  add(item: ReportItem): DomainDigest {
    const entry = Buffer.from(JSON.stringify({ input: item.result.input, domain: item.result.domain, tags: item.tags, result: item.result }), 'utf8');
    if (this.pending !== undefined) {
      this.write(this.pending);
      this.write(',\n');
    }
    this.pending = entry;
    this.count++;
    return { domain: domainLabel(item.result), sha256: createHash('sha256').update(entry).digest('hex'), bytes: entry.length };
  }

  end(): EvidenceDigest {
    if (this.pending !== undefined) {
      this.write(this.pending);
      this.write('\n');
    }
    this.write(']}\n');
    this.pending = undefined;
    return { sha256: this.whole.digest('hex'), bytes: this.bytes, domains: this.count };
  }

  private write(chunk: Buffer | string): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.whole.update(buf);
    this.bytes += buf.length;
    this.emit(buf);
  }
}
