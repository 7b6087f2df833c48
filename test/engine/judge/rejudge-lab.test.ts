/**
 * Judging again from the recorded evidence alone (issue 15, verify point 2): the whole lab estate is audited once
 * through real sockets into a real SQLite file, evidence.json is written from the store exactly as the bundle
 * writes it, and every domain of it is judged again with no network. Each recomputed posture, outcome and set of
 * codes must equal the recorded one; an edit of one domain's evidence must be named as a difference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../../electron/lab/estate';
import { openDatabase } from '../../../electron/store/db';
import { executeRun, startNewRun } from '../../../electron/run-service';
import { openStoreSource } from '../../../electron/io/report/store-source';
import { writeEvidenceJson } from '../../../electron/io/bundle/write-bundle';
import { rejudgeDomain, rejudgeEvidence, rejudgeEvidenceLines, recordedVerdict, verdictDifferences, type RecordedDomain, type RecordedRun } from '../../../electron/engine/judge';
import { CATALOGUE, FINDING_CODES, type FindingCode } from '../../../shared/findings';

let lab: Lab;
let tmp: string;
let db: Database.Database;
let text: string;
let run: RecordedRun;
const entries = new Map<string, RecordedDomain>();
const BAD_INPUT = 'not a domain!';

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-rejudge-'));
  db = openDatabase(path.join(tmp, 'audits.sqlite'));
  const domains = [...ENGINE_DOMAINS.map((d) => ({ input: d.name, domain: d.name, tags: {} })), { input: BAD_INPUT, domain: '', tags: {} }];
  const info = startNewRun(db, { name: 'rejudge', settings: lab.settings, domains });
  const done = await executeRun(db, info.id, { concurrency: 16 });
  expect(done.completed).toBe(true);
  const file = path.join(tmp, 'evidence.json');
  const source = openStoreSource(db, info.id);
  try {
    await writeEvidenceJson(source, file);
  } finally {
    source.close();
  }
  text = fs.readFileSync(file, 'utf8');
  const doc = JSON.parse(text) as { run: RecordedRun; domains: RecordedDomain[] };
  run = doc.run;
  // By the name as listed (bücher.test is stored as its A-label).
  for (const e of doc.domains) entries.set(e.result.input, e);
}, 180_000);

afterAll(async () => {
  db?.close();
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A deep copy of one domain's entry, as read from evidence.json, to edit. */
const copyOf = (name: string): RecordedDomain => structuredClone(entries.get(name)!);

describe('judging the lab estate again from evidence.json alone', () => {
  it('recomputes every domain\'s posture, outcome and codes exactly as recorded', () => {
    expect(entries.size).toBe(ENGINE_DOMAINS.length + 1);
    const report = rejudgeEvidenceLines(text.split('\n'));
    expect(report.differences).toEqual([]);
    expect(report).toMatchObject({ domains: ENGINE_DOMAINS.length + 1, judged: ENGINE_DOMAINS.length + 1, withCarried: 0 });
    // The parsed document gives the same report as the line-by-line walk.
    expect(rejudgeEvidence(JSON.parse(text))).toEqual(report);
  });

  it.each(ENGINE_DOMAINS.map((d) => d.name))('%s', (name) => {
    const entry = entries.get(name)!;
    const again = rejudgeDomain(entry, run);
    expect(again.judged, again.judged ? '' : again.reason).toBe(true);
    const { posture, outcome, codes } = again as Extract<typeof again, { judged: true }>;
    expect({ posture, outcome, codes }).toEqual(recordedVerdict(entry.result));
    // Recomputed, not read back: an audit with real findings came from evidence (nothing is carried in the lab).
    expect((again as { carried: FindingCode[] }).carried).toEqual([]);
  });

  it('judges an input that is not a host name from the input itself', () => {
    const again = rejudgeDomain(entries.get(BAD_INPUT)!, run);
    expect(again).toMatchObject({ judged: true, posture: 'error', outcome: 'not-decided', codes: ['AUDIT_DOMAIN_INVALID'] });
  });

  it('re-derives every single-audit code of the catalogue the lab raises (the coverage of judging again)', () => {
    const rejudged = new Set<FindingCode>();
    for (const e of entries.values()) {
      const again = rejudgeDomain(e, run);
      if (again.judged) for (const c of again.codes) rejudged.add(c);
    }
    const raisedInLab = new Set<FindingCode>(ENGINE_DOMAINS.flatMap((d) => d.expect.codes));
    const absent = [...raisedInLab].filter((c) => !rejudged.has(c));
    // On failure: what the domains meant to raise a code recorded instead.
    const detail = absent.map((c) => ENGINE_DOMAINS.filter((d) => d.expect.codes.includes(c)).map((d) => `${c} ${d.name}: ${recordedVerdict(entries.get(d.name)!.result).posture} ${recordedVerdict(entries.get(d.name)!.result).codes.join(' ')}`).join('\n')).join('\n');
    expect(absent, detail).toEqual([]);
    // Only these are never re-derived from a domain's evidence: carried over from the record (rejudge.ts).
    const carried = FINDING_CODES.filter((c) => c === 'AUDIT_INTERNAL_ERROR' || CATALOGUE[c].runComparison === true);
    expect(carried.sort()).toEqual(['AUDIT_INTERNAL_ERROR', 'MTASTS_DNS_ID_NOT_UPDATED', 'MTASTS_DNS_REMOVED_WITHOUT_NONE']);
  });
});

describe('an edited evidence.json entry', () => {
  it('names the domain when its policy mode is edited in the recorded policy body', () => {
    const entry = copyOf('enforce.test');
    const fetch = entry.result.evidence.policyFetch!;
    const body = Buffer.from(fetch.bodyBase64!, 'base64').toString('utf8');
    expect(body).toMatch(/mode: enforce/);
    fetch.bodyBase64 = Buffer.from(body.replace('mode: enforce', 'mode: testing'), 'utf8').toString('base64');
    const diffs = verdictDifferences(entry, rejudgeDomain(entry, run));
    expect(diffs).toContainEqual({ domain: 'enforce.test', field: 'posture', recorded: 'enforce', recomputed: 'testing' });
    expect(diffs).toContainEqual({ domain: 'enforce.test', field: 'outcome', recorded: 'protected', recomputed: 'monitoring' });
    const codes = diffs.find((d) => d.field === 'codes')!;
    expect(codes.added).toContain('MTASTS_MODE_TESTING');
    expect(codes.missing).toContain('MTASTS_MODE_ENFORCE');
  });

  it('names the domain when an MX certificate name is edited in the recorded probes', () => {
    const entry = copyOf('enforce.test');
    const mx1 = entry.result.mx.find((h) => h.host === 'mx1.provider.test')!;
    expect(mx1.probes.length).toBeGreaterThan(0);
    for (const p of mx1.probes) p.tls!.chain[0]!.dnsNames = ['mx1.elsewhere.example'];
    const diffs = verdictDifferences(entry, rejudgeDomain(entry, run));
    const codes = diffs.find((d) => d.field === 'codes')!;
    expect(codes).toMatchObject({ domain: 'enforce.test', missing: [] });
    expect(codes.added).toEqual(expect.arrayContaining(['STARTTLS_CERT_NAME_MISMATCH', 'MTASTS_MX_UNDELIVERABLE']));
    // One MX of two fails: undeliverable there (high), not for every MX (critical).
    expect(diffs).toContainEqual({ domain: 'enforce.test', field: 'outcome', recorded: 'protected', recomputed: 'broken' });
  });

  it('names the domain when a DNS answer is edited (the MTA-STS record removed)', () => {
    const entry = copyOf('enforce.test');
    const txt = entry.result.evidence.dns.find((a) => a.name === '_mta-sts.enforce.test' && a.type === 'TXT')!;
    Object.assign(txt, { outcome: 'nodata', rcode: 'NOERROR', records: [] });
    const again = rejudgeDomain(entry, run);
    // With no record the judge needs the misplacement hints, which were never collected: an evidence gap.
    expect(verdictDifferences(entry, again)).toEqual([
      { domain: 'enforce.test', field: 'evidence', recorded: 'enforce, protected', recomputed: 'the recorded evidence has no answer to the TXT query for enforce.test' },
    ]);
  });

  it('names the domain when only its recorded verdict is edited', () => {
    const entry = copyOf('testing.test');
    entry.result.posture = 'enforce';
    const diffs = verdictDifferences(entry, rejudgeDomain(entry, run));
    expect(diffs).toContainEqual({ domain: 'testing.test', field: 'posture', recorded: 'enforce', recomputed: 'testing' });
    const removed = copyOf('enforce.test');
    removed.result.findings = removed.result.findings.filter((f) => f.code !== 'MTASTS_MODE_ENFORCE');
    expect(verdictDifferences(removed, rejudgeDomain(removed, run))).toContainEqual(expect.objectContaining({ domain: 'enforce.test', field: 'codes', added: ['MTASTS_MODE_ENFORCE'], missing: [] }));
  });

  it('says which evidence is missing rather than guessing (a result without the resolver standing)', () => {
    const entry = copyOf('enforce.test');
    delete entry.result.evidence.resolver;
    expect(verdictDifferences(entry, rejudgeDomain(entry, run))).toEqual([
      { domain: 'enforce.test', field: 'evidence', recorded: 'enforce, protected', recomputed: 'the recorded evidence has no transport evidence (DNSSEC resolver standing) for enforce.test' },
    ]);
  });

  it('carries the run-comparison codes over from the record and judges the rest', () => {
    const entry = copyOf('enforce.test');
    entry.result.findings.push({ code: 'MTASTS_DNS_ID_NOT_UPDATED', severity: 'high', message: 'from the previous run' });
    const again = rejudgeDomain(entry, run);
    expect(again).toMatchObject({ judged: true, carried: ['MTASTS_DNS_ID_NOT_UPDATED'], outcome: 'broken' });
    expect(verdictDifferences(entry, again)).toEqual([]);
  });

  it('names a malformed line of evidence.json instead of failing the whole check', () => {
    const lines = text.split('\n');
    lines[1] = '{"input":"x", "result": ';
    const report = rejudgeEvidenceLines(lines);
    expect(report.differences).toEqual([{ domain: 'line 2', field: 'evidence', recorded: '?', recomputed: 'the line is not valid JSON' }]);
    expect(report.judged).toBe(ENGINE_DOMAINS.length);
  });
});
