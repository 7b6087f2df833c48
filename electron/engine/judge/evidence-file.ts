/**
 * A whole evidence.json judged again, domain by domain. The file's layout (io/report/evidence-json.ts) puts the
 * run header on the first line and one domain entry per line, so rejudgeEvidenceLines needs one entry in
 * memory at a time, whatever the size of the run. The input is untrusted: a malformed entry is named as a
 * difference, never thrown.
 */
import type { DomainDifference } from './differences';
import { verdictDifferences } from './differences';
import { rejudgeDomain, type RecordedDomain, type RecordedRun } from './rejudge';

export interface RejudgeReport {
  /** Domain entries read. */
  domains: number;
  /** Of them, judged again from their evidence (the rest are named in `differences` with field 'evidence'). */
  judged: number;
  /** Domains whose verdict includes codes carried over from the record (run comparisons, internal errors). */
  withCarried: number;
  differences: DomainDifference[];
}

class Tally {
  readonly report: RejudgeReport = { domains: 0, judged: 0, withCarried: 0, differences: [] };

  constructor(private readonly run: RecordedRun) {}

  add(entry: unknown, at: string): void {
    this.report.domains++;
    if (!entry || typeof entry !== 'object' || !('result' in entry) || !entry.result || typeof entry.result !== 'object') {
      this.report.differences.push({ domain: at, field: 'evidence', recorded: '?', recomputed: 'the entry is not a domain result' });
      return;
    }
    const recorded = entry as RecordedDomain;
    const rejudged = rejudgeDomain(recorded, this.run);
    if (rejudged.judged) {
      this.report.judged++;
      if (rejudged.carried.length > 0) this.report.withCarried++;
    }
    this.report.differences.push(...verdictDifferences(recorded, rejudged, at));
  }
}

function runOf(doc: unknown): RecordedRun {
  const run = (doc as { run?: { settings?: unknown } } | undefined)?.run;
  const settings = run?.settings;
  return settings && typeof settings === 'object' ? { settings } : {};
}

/** The parsed evidence.json document: `{ format, version, run: { settings, … }, domains: [...] }`. */
export function rejudgeEvidence(doc: unknown): RejudgeReport {
  const tally = new Tally(runOf(doc));
  const domains = (doc as { domains?: unknown } | undefined)?.domains;
  if (!Array.isArray(domains)) throw new Error('evidence.json has no "domains" array');
  domains.forEach((entry, i) => tally.add(entry, `entry ${i + 1}`));
  return tally.report;
}

/** evidence.json as its lines (without line ends): header line, one entry per line ("," after all but the last), "]}". */
export function rejudgeEvidenceLines(lines: Iterable<string>): RejudgeReport {
  let tally: Tally | undefined;
  let n = 0;
  for (const raw of lines) {
    n++;
    const line = raw.trim();
    if (!tally) {
      // The header line ends with the opening of the domains array.
      if (!line.endsWith('"domains":[')) throw new Error('evidence.json: line 1 is not the run header');
      tally = new Tally(runOf(JSON.parse(`${line}]}`)));
      continue;
    }
    if (line === ']}' || line === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
    } catch {
      tally.report.domains++;
      tally.report.differences.push({ domain: `line ${n}`, field: 'evidence', recorded: '?', recomputed: 'the line is not valid JSON' });
      continue;
    }
    tally.add(entry, `line ${n}`);
  }
  if (!tally) throw new Error('evidence.json is empty');
  return tally.report;
}
