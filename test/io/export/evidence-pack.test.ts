/**
 * The PDF evidence pack as a reader gets it: text extracted with pdftotext, pages rendered with pdftoppm into
 * test-output/export/ for a human to look at.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../../shared/plain-language';
import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import type { ReportItem } from '../../../electron/io/report/source';
import { estate, HOSTILE, hostileResult, makeResult, makeRun } from './fixtures';
import { finding } from '../../../electron/engine/finding';
import { outPath, pdfPages as readPages, pdfText, run } from './helpers';

const items: ReportItem[] = [
  ...estate(40),
  { result: hostileResult('hostile.example.org'), tags: { 'Business unit': HOSTILE.formula } },
  { result: makeResult('quiet.example.net', { posture: 'absent', smtpNotTested: 'port 25 unreachable from the auditor' }), tags: {} },
];
const previous = estate(40).map((item, i) => (i === 3 ? { ...item, result: makeResult(item.result.domain, { posture: 'enforce' }) } : item));
const source = () => memorySource({ run: makeRun({ total: items.length }), items }, { run: makeRun({ id: 41, name: 'Q4 review' }), items: previous });
let full: string;
/** pdftotext is slow on a busy machine: each file's pages are read once. */
const pageCache = new Map<string, string[]>();
const pdfPages = (file: string) => pageCache.get(file) ?? pageCache.set(file, readPages(file)).get(file)!;
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
/** Text of one domain's section: from its "Domain i of n" line to the next domain's. */
function domainSection(text: string, index: number, total: number): string {
  const start = text.indexOf(`Domain ${index} of ${total}`);
  const end = text.indexOf(`Domain ${index + 1} of ${total}`);
  return text.slice(start, end < 0 ? undefined : end);
}
/** The body of the pack after the contents page (page 2), where each section title first appears as a heading. */
const body = (file: string) => pdfPages(file).slice(2).join('\f');
/** Text from one heading to the next. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(start, text.indexOf(to, start + from.length));
}

describe('PDF evidence pack', () => {
  it('is a valid PDF whose pages all carry the run id and "Page N of M"', () => {
    expect(run('pdfinfo', [full])).toMatch(/Title:\s+MTA-STS audit: Q1 estate review/);
    const pages = pdfPages(full);
    expect(pages.length).toBeGreaterThan(items.length);
    pages.forEach((page, i) => {
      expect(page).toContain('Run 42');
      expect(page).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}\\s*$`));
    });
  });

  it('has a contents page whose page numbers point at the sections', () => {
    const pages = pdfPages(full);
    const contents = pages[1]!;
    for (const title of ['Scope and method', 'Executive summary', 'Findings by root cause', 'Domain evidence', 'Appendix: domain index and integrity manifest']) {
      const page = Number(contents.match(new RegExp(`${title.replace(/[()]/g, '.')}\\s+(\\d+)`))![1]);
      const target = title === 'Domain evidence' ? 'Domain 1 of 42' : title;
      expect(pages[page - 1], title).toContain(target);
    }
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
    const page = squash(between(body(file), 'Scope and method', 'Executive summary'));
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
    const page = between(body(full), 'Scope and method', 'Executive summary');
    expectAll(page, ['What was checked', 'MTA-STS record', 'Policy fetch', 'MX coverage', 'TLS reporting', 'DANE and DNSSEC', 'RFC 3207', 'RFC 7672',
      'taken from 192.0.2.53', /DNS timeout per attempt \(ms\)\s+3000/, /SMTP STARTTLS probes\s+enabled/, 'What was not tested, and why']);
    expectAll(squash(page), ['STARTTLS not tested for 1 domain(s): port 25 unreachable from the auditor.', '4 domain(s) could not be assessed']);
  });

  it('summarises outcomes, actions, every critical and high finding, and postures with the right figures', () => {
    const summaryText = between(body(full), 'Executive summary', 'finding(s) need action. They are grouped');
    // 40 cycled domains + the hostile (invalid) + quiet (absent) ones.
    expect(summaryText).toMatch(/Protected\s+12\s+\(28\.6%\)/);
    expect(summaryText).toMatch(/Mail at risk\s+4\s+Senders that follow the published rules/);
    expect(summaryText).toMatch(/Unprotected\s+13\s+No protection is published/);
    expect(summaryText).toMatch(/Enforce\s+12\s+\(28\.6%\)/);
    expect(summaryText).toMatch(/No MTA-STS\s+9\s+\(21\.4%\)/);
    expectAll(squash(summaryText), ['Top actions', 'Every critical and high finding', 'Domains to fix first', 'hostile.example.org Protection broken',
      'Since the previous audit', plainText('MTASTS_POLICY_WHITESPACE_MISPLACED').title]);
    // Every critical and high code is listed, however few domains it touches.
    for (const code of ['MTASTS_MX_NONE_COVERED', 'MX_LOOKUP_FAILED', 'MTASTS_POLICY_KEY_CASE', 'MTASTS_POLICY_CONTROL_CHARS', 'MTASTS_POLICY_NOT_A_POLICY'] as const) {
      expect(squash(summaryText), code).toContain(plainText(code).title);
    }
    expect(squash(fullText)).toContain('Compared with run 41 ("Q4 review"');
  });

  it('groups findings by root cause with the fix once per cause', () => {
    const text = squash(between(body(full), 'Findings by root cause', 'Domain 1 of 42'));
    const remediation = `1. ${plainText('MTASTS_MX_NONE_COVERED').fix[0]}`;
    expectAll(text, ['Critical: 4 finding(s) on 4 domain(s)', 'High: 16 finding(s) on 9 domain(s)', remediation, plainText('MTASTS_MX_NONE_COVERED').title,
      'd00004.example.com no MX matches mx.other.example', 'd00034.example.com no MX matches mx.other.example', 'Facts for the record (no action required)']);
    expect(text.split(remediation)).toHaveLength(2);
  });

  it('gives each domain its evidence: records with TTLs, policy text with its SHA-256, certificates, TLSA', () => {
    const section = domainSection(fullText, 1, 42);
    expectAll(section, ['Protected', 'Senders apply the policy', 'Banner', '220 mx1.mail.example.net ESMTP ready', 'EHLO (before TLS)', 'STARTTLS reply', '220 2.0.0 Ready to start TLS',
      'Certificate presented', '2026-04-15 23:59 UTC', 'd00000.example.com', 'Business unit: Retail', 'd00000.example.com 3600 IN MX 10 mx1.mail.example.net', '_mta-sts.d00000.example.com 300 IN TXT "v=STSv1; "',
      `SHA-256 ${items[0]!.result.policy!.sha256}`, /1\s+version: STSv1/, /4\s+max_age: 1209600/, 'CN=mta-sts.d00000.example.com', 'MX 10 mx1.mail.example.net',
      'TLSv1.3 TLS_AES_256_GCM_SHA384', /3 1 1 [0-9a-f]{64}\s+\[usable, matched\]/, /Evidence SHA-256 \(entry 1 of evidence\.json\): [0-9a-f]{64}/]);
  });

  it('draws hostile text as inert, visible text without breaking the document', () => {
    const section = domainSection(fullText, 41, 42);
    expectAll(section, ['hostile.example.org', '<script>alert(1)</script>', '=HYPERLINK("http://x","y")', 'Привет', '‹U+0000›', '‹U+202E›evil', 'ünïcødé', '‹U+1F642›',
      /more\s+characters\s+in\s+evidence\.json/, /line ends:\s+mixed \(1 CRLF, \d+ LF\)/, /5\s+x{40,}/, /mx: =HYPERLINK\("http:\/\/x","y"\)‹CR›/]);
    expect(squash(section)).toContain('مرحبا');
  });

  it('ends with the integrity manifest of every domain', () => {
    const appendix = body(full).slice(body(full).indexOf('Appendix: domain index and integrity manifest'));
    expectAll(appendix, [/Evidence JSON SHA-256\s+[0-9a-f]{64}/, /42 domain entries/, /2\s+d00000\.example\.com\s+Protected\s+\d+\s+[0-9a-f]{64}\s+\d+/,
      /43\s+quiet\.example\.net\s+Unprotected\s+\d+\s+[0-9a-f]{64}\s+\d+/]);
    const perDomain = fullText.match(/Evidence SHA-256 \(entry 1 of evidence\.json\): ([0-9a-f]{64})/)![1]!;
    const [, page] = appendix.match(new RegExp(`2\\s+d00000\\.example\\.com\\s+Protected\\s+(\\d+)\\s+${perDomain}`))!;
    expect(pdfPages(full)[Number(page) - 1]).toContain('Domain 1 of 42');
  });

  it('writes a summary-only report without per-domain pages', () => {
    const text = pdfText(summary);
    expectAll(text, ['Summary report', 'Scope and method', 'Executive summary', 'Findings by root cause', 'Appendix: integrity manifest', 'omits the per-domain hashes']);
    expect(text.includes('Domain 1 of')).toBe(false);
    expect(text.includes('Policy text')).toBe(false);
    expect(pdfPages(summary).length).toBeLessThan(pdfPages(full).length / 4);
    const hash = (t: string) => squash(t).match(/Evidence JSON SHA-256 ([0-9a-f]{64})/)![1];
    expect(hash(text)).toBe(hash(fullText));
  });

  it('renders the first pages for a human to look at', () => {
    expect(pngs().map((n) => Number(n.match(/(\d+)\.png$/)![1]))).toEqual([1, 2, 3, 4]);
  });
});
