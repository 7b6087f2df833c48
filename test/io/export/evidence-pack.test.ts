/**
 * The PDF evidence pack as a reader gets it: text extracted with pdftotext, pages rendered with pdftoppm into
 * test-output/export/ for a human to look at.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../shared/findings';
import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import type { ReportItem } from '../../../electron/io/report/source';
import { estate, HOSTILE, hostileResult, makeResult, makeRun } from './fixtures';
import { finding } from '../../../electron/engine/finding';
import { outPath, pdfPages, pdfText, run } from './helpers';

const items: ReportItem[] = [
  ...estate(40),
  { result: hostileResult('hostile.example.org'), tags: { 'Business unit': HOSTILE.formula } },
  { result: makeResult('quiet.example.net', { posture: 'absent', smtpNotTested: 'port 25 unreachable from the auditor' }), tags: {} },
];
const previous = estate(40).map((item, i) => (i === 3 ? { ...item, result: makeResult(item.result.domain, { posture: 'enforce' }) } : item));
const source = () => memorySource({ run: makeRun({ total: items.length }), items }, { run: makeRun({ id: 41, name: 'Q4 review' }), items: previous });
let full: string;
let summary: string;
let fullText: string;

beforeAll(async () => {
  full = outPath('evidence-pack.pdf');
  summary = outPath('evidence-summary.pdf');
  await writeEvidencePdfFrom(source(), full, { summaryOnly: false, auditor: 'Jane Auditor', generatedAt: new Date('2026-03-03T10:00:00Z') });
  await writeEvidencePdfFrom(source(), summary, { summaryOnly: true, auditor: 'Jane Auditor' });
  fullText = pdfText(full);
  for (const f of pngs()) fs.rmSync(outPath(f));
  run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '4', full, outPath('evidence-pack')]);
});

/** pdftoppm pads page numbers to the width of the page count: evidence-pack-01.png … */
const pngs = () => fs.readdirSync(outPath('.')).filter((n) => /^evidence-pack-\d+\.png$/.test(n)).sort();
const squash = (s: string) => s.replace(/\s+/g, ' ');
/** Asserts that `text` contains each string, naming the missing one (not dumping a whole PDF) on failure. */
function expectAll(text: string, wanted: (string | RegExp)[]): void {
  for (const w of wanted) expect(typeof w === 'string' ? text.includes(w) : w.test(text), String(w)).toBe(true);
}
/** Text of one domain's section: from its "Domain evidence · i of n" line to the next domain's. */
function domainSection(text: string, index: number, total: number): string {
  const start = text.indexOf(`Domain evidence · ${index} of ${total}`);
  const end = text.indexOf(`Domain evidence · ${index + 1} of ${total}`);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('PDF evidence pack', () => {
  it('is a valid PDF whose pages all carry the run id and their page number', () => {
    expect(run('pdfinfo', [full])).toMatch(/Title:\s+MTA-STS audit: Q1 estate review/);
    const pages = pdfPages(full);
    expect(pages.length).toBeGreaterThan(items.length);
    pages.forEach((page, i) => {
      expect(page).toContain('Run 42');
      expect(page).toMatch(new RegExp(`Page ${i + 1}\\s*$`));
    });
  });

  it('says when the resolver could not be judged and when an MX greeted too slowly to be judged', async () => {
    const undecided = makeResult('undecided.example.net', {
      posture: 'enforce',
      findings: [
        finding('DNSSEC_RESOLVER_UNKNOWN', 'the DNSSEC control query for . ended in SERVFAIL, and no answer carried AD'),
        finding('STARTTLS_GREETING_SLOW', 'mx2.mail.example.net 203.0.113.25: no complete greeting within 30000 ms', { subject: 'mx2.mail.example.net' }),
      ],
    });
    const file = outPath('evidence-undecided.pdf');
    await writeEvidencePdfFrom(memorySource({ run: makeRun({ total: 2 }), items: [...estate(1), { result: undecided, tags: {} }] }), file, { summaryOnly: true, auditor: 'Jane Auditor' });
    const page = squash(pdfPages(file).find((p) => p.includes('Scope and method'))!);
    expectAll(page, [
      'For 1 domain(s) the DNSSEC control query got no answer and no answer was signed, so it is unknown whether the resolver validates',
      '1 domain(s) have an MX that did not greet within the SMTP reply time-out: senders wait up to 5 minutes, so those MX were not judged.',
    ]);
    expect(page).not.toContain('The resolver did not validate DNSSEC');
  });

  it('has a cover with client, run, dates, auditor and tool', () => {
    expectAll(pdfPages(full)[0]!, ['Email transport security audit', 'Evidence pack', 'Example Holdings plc', 'Q1 estate review', 'Jane Auditor',
      '2026-03-02 09:00 UTC', '2026-03-03 10:00 UTC', 'MTA-STS Auditor 0.1.0', '192.0.2.53', '42 audited of 42 imported']);
  });

  it('states scope, method, settings and what was not tested', () => {
    const page = pdfPages(full).find((p) => p.includes('Scope and method'))!;
    expectAll(page, ['What was checked', 'MTA-STS record', 'Policy fetch', 'MX coverage', 'TLS reporting', 'DANE and DNSSEC', 'RFC 3207', 'RFC 7672',
      'taken from 192.0.2.53', /DNS timeout per attempt \(ms\)\s+3000/, /SMTP STARTTLS probes\s+enabled/, 'What was not tested, and why']);
    expectAll(squash(page), ['STARTTLS not tested for 1 domain(s): port 25 unreachable from the auditor.', '4 domain(s) could not be assessed']);
  });

  it('summarises postures and severities with the right figures', () => {
    const page = pdfPages(full).find((p) => p.includes('Executive summary'))!;
    // 40 cycled domains + the hostile (invalid) + quiet (absent) ones.
    expect(page).toMatch(/Enforce\s+12\s+\(28\.6%\)/);
    expect(page).toMatch(/No MTA-STS\s+9\s+\(21\.4%\)/);
    expect(page).toMatch(/Invalid\s+5\s+\(11\.9%\)/);
    expect(page).toMatch(/Enforce\s+12\s+A valid policy in mode enforce/);
    expect(page).toMatch(/Critical\s+4\s+\(4 findings\)/);
    expect(page).toMatch(/Since the previous audit|Most widespread findings/);
    expect(squash(fullText)).toContain('Compared with run 41 ("Q4 review"');
  });

  it('groups findings by severity with the remediation once per code', () => {
    const text = squash(fullText.slice(fullText.indexOf('Findings by severity'), fullText.indexOf('Domain evidence ·')));
    const remediation = 'Remediation: Fix the mx lines now (or drop to testing) and bump id.';
    expectAll(text, ['Critical: 4 finding(s) on 4 domain(s)', 'High: 16 finding(s) on 9 domain(s)', remediation, CATALOGUE.MTASTS_MX_NONE_COVERED.title,
      'd00004.example.com no MX matches mx.other.example', 'd00034.example.com no MX matches mx.other.example', 'Informational facts (no action required)']);
    expect(text.split(remediation)).toHaveLength(2);
  });

  it('gives each domain its evidence: records with TTLs, policy text with its SHA-256, certificates, TLSA', () => {
    const section = domainSection(fullText, 1, 42);
    expectAll(section, ['d00000.example.com', 'Business unit: Retail', 'd00000.example.com 3600 IN MX 10 mx1.mail.example.net', '_mta-sts.d00000.example.com 300 IN TXT "v=STSv1; "',
      `SHA-256 ${items[0]!.result.policy!.sha256}`, /1\s+version: STSv1/, /4\s+max_age: 1209600/, 'CN=mta-sts.d00000.example.com', 'MX 10 mx1.mail.example.net',
      'TLSv1.3 TLS_AES_256_GCM_SHA384', /3 1 1 [0-9a-f]{64}\s+\[usable, matched\]/, /Evidence SHA-256 \(entry 1 of evidence\.json\): [0-9a-f]{64}/]);
  });

  it('draws hostile text as inert, visible text without breaking the document', () => {
    const section = domainSection(fullText, 41, 42);
    expectAll(section, ['hostile.example.org', '<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '‹U+0645›', '‹U+0000›', '‹U+202E›evil', 'ünïcødé',
      /more\s+characters\s+in\s+evidence\.json/, /line ends: mixed \(1 CRLF, \d+ LF\)/, /5\s+x{40,}/]);
  });

  it('ends with the integrity manifest of every domain', () => {
    const appendix = fullText.slice(fullText.indexOf('Appendix: integrity manifest'));
    expectAll(appendix, [/Evidence JSON SHA-256\s+[0-9a-f]{64}/, /42 domain entries/, /2 d00000\.example\.com\s+[0-9a-f]{64}\s+\d+/, /43 quiet\.example\.net\s+[0-9a-f]{64}\s+\d+/]);
    const perDomain = fullText.match(/Evidence SHA-256 \(entry 1 of evidence\.json\): ([0-9a-f]{64})/)![1]!;
    expect(appendix).toMatch(new RegExp(`2 d00000\\.example\\.com\\s+${perDomain}`));
  });

  it('writes a summary-only report without per-domain pages', () => {
    const text = pdfText(summary);
    expectAll(text, ['Summary report', 'Scope and method', 'Executive summary', 'Findings by severity', 'Appendix: integrity manifest', 'omits the per-domain hashes']);
    expect(text.includes('Domain evidence')).toBe(false);
    expect(text.includes('Policy text')).toBe(false);
    expect(pdfPages(summary).length).toBeLessThan(pdfPages(full).length / 4);
    const hash = (t: string) => squash(t).match(/Evidence JSON SHA-256 ([0-9a-f]{64})/)![1];
    expect(hash(text)).toBe(hash(fullText));
  });

  it('renders the first pages for a human to look at', () => {
    expect(pngs().map((n) => Number(n.match(/(\d+)\.png$/)![1]))).toEqual([1, 2, 3, 4]);
  });
});
