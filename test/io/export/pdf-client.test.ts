/**
 * The PDF evidence pack read as a client reads it (poppler): any script prints as itself and copies exactly,
 * only embedded fonts, the headline equals the store's outcome counts, offending policy lines are marked, each
 * DNS answer appears once, tokens wrap at separators, one date format, links and a tagged structure, and a
 * large estate stays at hundreds of pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_LABEL, OUTCOMES } from '../../../shared/outcome';
import { plainText } from '../../../shared/plain-language';
import { DEFAULT_SETTINGS, type DomainResult } from '../../../shared/types';
import { finding } from '../../../electron/engine/finding';
import { LARGE_ESTATE, writeEvidencePdf, writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { breakLongTokens } from '../../../electron/io/pdf/text';
import { memorySource } from '../../../electron/io/report/memory-source';
import type { ReportItem } from '../../../electron/io/report/source';
import { openDatabase } from '../../../electron/store/db';
import { saveResult } from '../../../electron/store/results';
import { createRun, getRun, pendingDomains } from '../../../electron/store/runs';
import { estate, hostileResult, makeResult, makeRun, probe } from './fixtures';
import { outPath, pdfPages, pdfText, run } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-client-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** pdftotext wraps right-to-left text in embedding marks (U+202A–U+202C); the characters themselves are what count. */
const plain = (s: string) => s.replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ');

const SCRIPTS = {
  client: 'ООО «Ромашка»',
  tags: { 'Регион': 'Северо-Запад', 'Περιοχή': 'Αθήνα', 'المنطقة': 'الرياض', '部门': '销售部' } as Record<string, string>,
};
const LONG_HOST = 'very-long-mail-exchanger-name.with-many-labels.example.com';
const LONG_DOMAIN = 'a-very-long-subdomain-label-for-wrapping.mail-domains.example.com';

/** One domain whose MX answer the engine recorded twice, with a finding naming a very long host. */
function duplicatedAnswers(): DomainResult {
  const r = makeResult('dup.example.com', { posture: 'testing' });
  r.evidence.dns = [r.evidence.dns[0]!, ...r.evidence.dns, { ...r.evidence.dns[0]! }];
  r.findings.push(finding('STARTTLS_CERT_UNTRUSTED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', { subject: LONG_HOST }));
  r.mx[0]!.probes[0] = probe(r.mx[0]!.host, '198.51.100.10', { attempts: 2, ehloAfterTls: ['250-mx1.mail.example.net', '250 SIZE 52428800'] });
  return r;
}

let file: string;
let text: string;

beforeAll(async () => {
  const items: ReportItem[] = [
    ...estate(6),
    { result: hostileResult('hostile.example.org'), tags: SCRIPTS.tags },
    { result: duplicatedAnswers(), tags: { Owner: 'ops' } },
    { result: makeResult(LONG_DOMAIN, { posture: 'invalid' }), tags: {} },
  ];
  file = outPath('pdf-client.pdf');
  await writeEvidencePdfFrom(memorySource({ run: makeRun({ total: items.length, client: `${SCRIPTS.client} Αθήνα الرياض 测试公司` }), items }), file,
    { summaryOnly: false, auditor: 'Jane Auditor', generatedAt: new Date('2026-03-03T10:00:00Z') });
  text = pdfText(file, ['-raw']);
  run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, outPath('pdf-client')]);
}, 120_000);

describe('PDF pack as a client reads it', () => {
  it('copies Cyrillic, Greek, Arabic and CJK client and tag text exactly', () => {
    const flat = plain(text);
    for (const s of [SCRIPTS.client, 'Αθήνα', 'الرياض', '测试公司', ...Object.keys(SCRIPTS.tags), ...Object.values(SCRIPTS.tags)]) expect(flat, s).toContain(s);
    // The footer of every page carries the client.
    for (const page of pdfPages(file)) expect(plain(page)).toContain(SCRIPTS.client);
    expect(flat).not.toMatch(/‹U\+04/);
  });

  it('uses only embedded (subset) fonts, none of the standard 14', () => {
    const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row, row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      expect(row).not.toMatch(/Helvetica|Courier|Times|Symbol|ZapfDingbats/);
    }
    expect(rows.some((r) => /NotoSansSC/.test(r))).toBe(true);
  });

  it('is a tagged PDF 1.7 that identifies itself as PDF/A-2b', () => {
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    const meta = run('pdfinfo', ['-meta', file]);
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const raw = fs.readFileSync(file, 'latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
  });

  it('marks the offending policy lines with the finding under them and shows CR and control characters', () => {
    const section = plain(text.slice(text.indexOf('hostile.example.org\n'), text.indexOf('dup.example.com\n')));
    expect(section).toContain('Lines with a problem are marked in red (line 3, line 4).');
    expect(section).toContain(`4 a‹U+0000›b‹U+0007›c‹U+001B›d‹U+007F›e‹U+0085›f ▲ ${plainText('MTASTS_POLICY_CONTROL_CHARS').title}`);
    expect(section).toContain(`3 <script>alert(1)</script> ▲ ${plainText('MTASTS_POLICY_SYNTAX_INVALID').title}`);
    expect(section).toContain('‹CR›');
  });

  it('lists each DNS answer once, the SMTP conversation per address, and one date format', () => {
    const section = text.slice(text.indexOf('Domain 8 of 9'), text.indexOf('Domain 9 of 9'));
    expect(section.split('dup.example.com 3600 IN MX 10 mx1.mail.example.net')).toHaveLength(2);
    expect(section).toMatch(/198\.51\.100\.10 port 25, 2026-03-02 09:01 UTC, 412 ms, 2 attempts/);
    expect(section).toContain('EHLO (after TLS)');
    expect(section).toContain('250 SIZE 52428800');
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('wraps long tokens at separators, never inside a word', () => {
    expect(plain(pdfText(file))).not.toMatch(/LEAF_SI\s+GNATURE/);
    // The long domain name wraps in the narrow Domain column of the findings tables, after a dot or hyphen only.
    const occurrences = text.match(/a-very-long[\w.\-\n]*?example\.com/g) ?? [];
    expect(occurrences.some((o) => o.includes('\n'))).toBe(true);
    for (const o of occurrences) {
      const pieces = o.split('\n');
      expect(pieces.join(''), o).toBe(LONG_DOMAIN);
      for (const p of pieces.slice(0, -1)) expect(p, o).toMatch(/[.\-]$/);
    }
    const measure = (s: string) => s.length;
    expect(breakLongTokens('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 20, measure)).toBe('UNABLE_TO_VERIFY_\nLEAF_SIGNATURE');
    const lines = breakLongTokens(LONG_HOST, 30, measure).split('\n');
    expect(lines.join('')).toBe(LONG_HOST);
    expect(lines.every((l) => l.length <= 30 && /[.\-]$|com$/.test(l))).toBe(true);
  });

  it('links the summary and the findings to the domain sections', () => {
    const raw = fs.readFileSync(file, 'latin1');
    expect(raw).toMatch(/\/Subtype \/Link/);
    expect(raw).toMatch(/\/S \/GoTo\s+\/D \(domain-7\)/);
    const dests = run('pdfinfo', ['-dests', file]);
    expect(dests).toMatch(/domain-7/);
    expect(dests).toMatch(/summary/);
  });
});

describe('PDF pack and the store', () => {
  it('leads with headline counts equal to the store\'s outcome counts', async () => {
    const db = openDatabase(path.join(dir, 'store.sqlite'));
    const items = estate(30);
    const info = createRun(db, { name: 'Outcome check', client: 'Store plc', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'system resolvers',
      domains: items.map((i) => ({ input: i.result.input, domain: i.result.domain, tags: i.tags })) });
    pendingDomains(db, info.id).forEach((d, i) => saveResult(db, info.id, d.runDomainId, items[i]!.result));
    const counts = getRun(db, info.id)!.outcomeCounts;
    const out = path.join(dir, 'store.pdf');
    await writeEvidencePdf(db, info.id, out, { summaryOnly: true });
    db.close();
    const summary = pdfPages(out).slice(2).join('\n');
    const legend = summary.slice(summary.indexOf('Outcome   '));
    for (const o of OUTCOMES) {
      const shown = Number(legend.match(new RegExp(`${OUTCOME_LABEL[o]}\\s+(\\d+)\\s`))![1]);
      expect(shown, o).toBe(counts[o] ?? 0);
    }
    expect(summary).toMatch(new RegExp(`${counts.protected}\\s+${counts['at-risk'] ?? 0}\\s+${counts.broken ?? 0}`));
  }, 120_000);
});

describe('a large estate', () => {
  it(`keeps 5,000 domains to hundreds of pages: compact rows for domains without defects (above ${LARGE_ESTATE} domains)`, async () => {
    // A realistic mix: most domains enforce without defects; one in ten has a problem.
    const n = 5000;
    function* items(): Generator<ReportItem> {
      for (let at = 0; at < n; at += 100) {
        for (const [i, item] of estate(100, `e${at}-`).entries()) {
          yield i % 10 === 4 ? item : { ...item, result: makeResult(item.result.domain, { posture: 'enforce' }) };
        }
      }
    }
    const base = memorySource({ run: makeRun({ total: n }), items: [] });
    const out = path.join(dir, 'large.pdf');
    await writeEvidencePdfFrom({ ...base, results: items, mxProbes: () => memorySource({ run: base.run, items: estate(3) }).mxProbes() }, out, { summaryOnly: false });
    const pages = Number(run('pdfinfo', [out]).match(/Pages:\s+(\d+)/)![1]);
    expect(pages).toBeGreaterThan(100);
    expect(pages).toBeLessThan(1000);
    const contents = pdfText(out, ['-f', '2', '-l', '2']);
    expect(contents).toMatch(/Domains without defects\s+\d+/);
    expect(contents).toContain('4500 domain(s), one row each');
    expect(contents).toContain('A section per domain with a defect (500)');
    const last = pdfText(out, ['-f', String(pages), '-l', String(pages)]);
    expect(last).toMatch(new RegExp(`${n + 1}\\s+e4900-00099\\.example\\.com\\s+Protected\\s+\\d+\\s+[0-9a-f]{64}`));
  }, 600_000);
});
