/**
 * The workbook as a user opens it: read back with exceljs (and the raw sheet XML) to check sheets, headers,
 * typed values, frozen panes, filters, print setup, row heights and links, and that hostile text stays inert
 * text shown as written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { CATALOGUE } from '../../../shared/findings';
import { OUTCOME_LABEL, OUTCOMES, resultOutcome } from '../../../shared/outcome';
import { plainText } from '../../../shared/plain-language';
import { deriveActions, groupActions } from '../../../electron/engine/actions';
import { finding } from '../../../electron/engine/finding';
import { writeWorkbookFrom } from '../../../electron/io/workbook';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, HOSTILE, hostileResult, makeResult, makeRun } from './fixtures';
import { columnOf, outPath, readWorkbook, run, sheetLinks, sheetRows } from './helpers';

const items = [...estate(80), { result: hostileResult('hostile.example.org'), tags: { 'Business unit': HOSTILE.formula } }];
const previousItems = estate(80).map((item, i) => (i === 3 ? { ...item, result: makeResult(item.result.domain, { posture: 'enforce' }) } : item));
let wb: ExcelJS.Workbook;
let file: string;

beforeAll(async () => {
  file = outPath('workbook.xlsx');
  const source = memorySource({ run: makeRun({ total: items.length + 2 }), items }, { run: makeRun({ id: 41, name: 'previous' }), items: previousItems });
  await writeWorkbookFrom(source, file, { exportedAt: new Date('2026-03-03T10:00:00Z'), preparedBy: 'A. Consultant' });
  wb = await readWorkbook(file);
});

describe('workbook', () => {
  const TABLES = ['Actions', 'Action domains', 'Domains', 'Findings', 'Facts', 'MX hosts', 'MX domains', 'Changes', 'Evidence'];

  it('has the Summary first, then the tables, each frozen under its header and filterable', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', ...TABLES]);
    for (const name of TABLES) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A1:[A-Z]+${ws.rowCount}$`));
      expect(ws.getColumn(1).width).toBeGreaterThan(8);
    }
  });

  it('prints on A4 landscape, fitted to the page width, with the header row repeated on every page', () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    const book = run('unzip', ['-p', file, 'xl/workbook.xml']);
    const titles = [...book.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]+)</g)].map((m) => [Number(m[1]), m[2]!.replace(/&apos;/g, "'")]);
    expect(titles).toEqual(TABLES.map((name, i) => [i + 1, `'${name}'!$1:$1`]));
  });

  it('carries a title and an author in the file properties', () => {
    expect(wb.title).toBe('MTA-STS audit: Q1 estate review');
    expect(wb.creator).toBe('A. Consultant');
  });

  it('leads the Summary with the domains per outcome, the same rule as the store', () => {
    const rows = sheetRows(wb, 'Summary');
    const head = rows.findIndex((r) => r[0] === 'Outcome' && r[2] === 'Domains');
    expect(head).toBeGreaterThan(0);
    expect(head).toBeLessThan(rows.findIndex((r) => r[0] === 'About this audit'));
    const expected = new Map(OUTCOMES.map((o) => [OUTCOME_LABEL[o], items.filter((i) => resultOutcome(i.result).outcome === o).length]));
    expect(rows.slice(head + 1, head + 1 + OUTCOMES.length).map((r) => [r[0], r[2]])).toEqual([...expected]);
    expect([...expected.values()].reduce((a, b) => a + b)).toBe(items.length);
    expect(expected.get('Mail at risk')).toBeGreaterThan(0);
  });

  it('lists every critical and high problem of the run on the Summary, worst first', () => {
    const rows = sheetRows(wb, 'Summary');
    const head = rows.findIndex((r) => r[0] === 'Problem');
    const listed: unknown[][] = [];
    for (let i = head + 1; rows[i]?.[0] !== undefined; i++) listed.push(rows[i]!);
    const codes = new Set(items.flatMap((i) => i.result.findings).filter((f) => f.severity !== 'info').map((f) => f.code));
    expect(new Set(listed.map((r) => r[6]))).toEqual(codes);
    expect(listed.map((r) => r[3])).toEqual([...listed.map((r) => r[3] as number)].sort((a, b) => a - b));
    const critical = listed.find((r) => r[6] === 'MTASTS_MX_NONE_COVERED')!;
    expect(critical.slice(0, 4)).toEqual([plainText('MTASTS_MX_NONE_COVERED').title, plainText('MTASTS_MX_NONE_COVERED').impact, 'Critical', 1]);
  });

  const EXPORTED = new Date('2026-03-03T10:00:00Z');
  const estate = () => groupActions(items.map((i) => ({ domain: i.result.domain, outcome: resultOutcome(i.result).outcome, actions: deriveActions(i.result, EXPORTED).actions })));

  it('lists one action per root cause on Actions, most urgent first, with the domains it fixes and the exact values to publish', () => {
    const rows = sheetRows(wb, 'Actions');
    const h = rows[0] as string[];
    const expected = estate();
    expect(expected.length).toBeGreaterThan(3);
    expect(rows.slice(1).map((r) => [r[0], r[h.indexOf('What to do')], r[h.indexOf('Domains')]])).toEqual(expected.map((a) => [a.priority, a.title, a.domains.length]));
    const withValues = expected.find((a) => a.example.publish.length > 0)!;
    const row = rows[withValues.priority]!;
    for (const p of withValues.example.publish) expect(String(row[h.indexOf('Publish exactly (example: the first domain)')])).toContain(p.value.replace(/\r\n/g, '\n'));
    expect(row[h.indexOf('Why')]).toBe(withValues.example.why);
    const listed = sheetRows(wb, 'Action domains').slice(1);
    expect(listed).toHaveLength(expected.reduce((n, a) => n + a.domains.length, 0));
    for (const a of expected) expect(listed.filter((r) => r[0] === a.priority).map((r) => r[2])).toEqual(a.domains);
  });

  it('links an action shared by many domains to all of them on Action domains, across continued sheets', async () => {
    // Seventy domains behind one MX host whose certificate expired: one action, at the host, fixes them all.
    const expired = () => [finding('STARTTLS_CERT_EXPIRED', 'certificate expired 2026-01-01', { subject: 'mx1.mail.example.net' })];
    const shared = Array.from({ length: 70 }, (_, i) => ({ result: makeResult(`m${String(i).padStart(3, '0')}.example.com`, { posture: 'enforce', findings: expired() }), tags: {} }));
    const f = outPath('workbook-shared-action.xlsx');
    await writeWorkbookFrom(memorySource({ run: makeRun({ total: shared.length }), items: shared }), f, { exportedAt: EXPORTED, maxRowsPerSheet: 40 });
    const book = await readWorkbook(f);
    const expected = groupActions(shared.map((i) => ({ domain: i.result.domain, outcome: resultOutcome(i.result).outcome, actions: deriveActions(i.result, EXPORTED).actions })));
    const many = expected.find((a) => a.domains.length > 50)!;
    expect(many.domains).toHaveLength(70);
    const rows = sheetRows(book, 'Actions');
    const h = rows[0] as string[];
    const at = rows.findIndex((r) => r[0] === many.priority);
    expect(rows[at]![h.indexOf('Domains it fixes')]).toMatch(/^all 70 domains: sheet Action domains( \(\d\))?, from row \d+$/);
    const link = sheetLinks(f, 'Actions').find((l) => l.ref === `${String.fromCharCode(65 + h.indexOf('Domains it fixes'))}${at + 1}`)!;
    expect(sheetRows(book, link.sheet)[link.row - 1]!.slice(0, 3)).toEqual([many.priority, many.title, many.domains[0]]);
    const names = book.worksheets.map((w) => w.name).filter((n) => n.startsWith('Action domains'));
    expect(names.length).toBeGreaterThan(1);
    const listed = names.flatMap((n) => sheetRows(book, n).slice(1)).filter((r) => r[0] === many.priority).map((r) => r[2]);
    expect(listed).toEqual(many.domains);
    for (const n of names) expect(sheetRows(book, n).length).toBeLessThanOrEqual(41);
  });

  it('leads the Summary with what to do first and gives each domain its next action', () => {
    const rows = sheetRows(wb, 'Summary');
    const head = rows.findIndex((r) => r[0] === 'Action' && r[1] === 'Why');
    const expected = estate().slice(0, 10);
    expect(rows.slice(head + 1, head + 1 + expected.length).map((r) => [r[0], r[2], r[3]])).toEqual(expected.map((a) => [a.title, a.priority, a.domains.length]));
    const domains = sheetRows(wb, 'Domains');
    const h = domains[0] as string[];
    for (const i of items) {
      const row = domains.find((r) => r[0] === i.result.domain)!;
      expect(row[h.indexOf('Next action')] ?? undefined).toBe(deriveActions(i.result, EXPORTED).actions[0]?.title);
    }
    expect(domains.filter((r) => typeof r[h.indexOf('Next action')] === 'string').length).toBeGreaterThan(40);
  });

  it('says who prepared the audit, for whom, its scope, method and tool version', () => {
    const rows = sheetRows(wb, 'Summary');
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(value('Prepared by')).toBe('A. Consultant');
    expect(value('Scope')).toBe('83 domains imported from estate.csv; 81 audited, 2 not audited yet; 2 distinct MX hosts.');
    expect(value('Method')).toMatch(/^DNS lookups .* through 192\.0\.2\.53; each MTA-STS policy fetched over HTTPS .*port 25/);
    expect(value('Tool version')).toBe('MTA-STS Auditor 0.1.0');
  });

  it('says on the Summary where each table is, with its rows', () => {
    const rows = sheetRows(wb, 'Summary');
    const head = rows.findIndex((r) => r[0] === 'Sheet' && r[1] === 'Holds');
    const parts = rows.slice(head + 1, head + 1 + TABLES.length);
    expect(parts.map((r) => r[0])).toEqual(TABLES);
    for (const [name, , count] of parts) expect(count).toBe(sheetRows(wb, name as string).length - 1);
    expect(parts[TABLES.indexOf('Domains')]![3]).toBe('d00000.example.com … hostile.example.org');
  });

  it('summarises the run: client, dates as dates, settings, scope and counts', () => {
    const rows = sheetRows(wb, 'Summary');
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(value('Client')).toBe('Example Holdings plc');
    expect(value('Audit name')).toBe('Q1 estate review');
    expect(value('Started (UTC)')).toBeInstanceOf(Date);
    expect((value('Started (UTC)') as Date).toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(value('Resolver')).toBe('192.0.2.53');
    expect(value('DNS timeout per attempt (ms)')).toBe(3000);
    expect(value('Domains imported')).toBe(83);
    expect(value('Domains audited')).toBe(81);
    expect(value('Domains failed (posture error)')).toBe(8);
    expect(value('Domains not audited yet')).toBe(2);
    expect(rows.find((r) => r[0] === 'Enforce')?.[2]).toBe(24);
    expect(rows.find((r) => r[0] === 'Invalid')?.[2]).toBe(9);
    const problems = rows.findIndex((r) => r[0] === 'Problem');
    expect(rows[problems + 1]).toEqual([plainText('MTASTS_MX_NONE_COVERED').title, plainText('MTASTS_MX_NONE_COVERED').impact, 'Critical', 1, 8, 8, 'MTASTS_MX_NONE_COVERED']);
  });

  it('lists every domain with tag columns, facts as numbers and a fill per posture', () => {
    const rows = sheetRows(wb, 'Domains');
    const h = rows[0] as string[];
    expect(h.slice(0, 4)).toEqual(['Domain', 'Input', 'Business unit', 'Owner']);
    expect(rows).toHaveLength(items.length + 1);
    const first = rows[1]!;
    expect(first[0]).toBe('d00000.example.com');
    expect(first[h.indexOf('Posture')]).toBe('Enforce');
    expect(first[h.indexOf('max_age (s)')]).toBe(1209600);
    expect(first[h.indexOf('MX hosts')]).toBe(2);
    expect(first[h.indexOf('MX deliverable')]).toBe(2);
    expect(first[h.indexOf('Info')]).toBe(3);
    expect(first[h.indexOf('Outcome')]).toBe('Protected');
    expect(first[h.indexOf('Outcome rank (1 = worst)')]).toBe(6);
    expect(first[h.indexOf('Severity rank (1 = critical)')]).toBe(5);
    const invalid = rows.find((r) => r[h.indexOf('Posture')] === 'Invalid')!;
    expect(invalid[h.indexOf('Outcome')]).toBe('Mail at risk');
    expect(invalid[h.indexOf('Severity rank (1 = critical)')]).toBe(1);
    expect(first[h.indexOf('Audited at (UTC)')]).toBeInstanceOf(Date);
    expect(wb.getWorksheet('Domains')!.getRow(2).getCell(h.indexOf('Audited at (UTC)') + 1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(rows[2]![h.indexOf('Owner')]).toBeUndefined();
    const ws = wb.getWorksheet('Domains')!;
    const postureCell = ws.getRow(2).getCell(h.indexOf('Posture') + 1);
    expect(postureCell.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFC8E6C9' } });
    expect(ws.getRow(5).getCell(h.indexOf('Posture') + 1).fill).toMatchObject({ fgColor: { argb: 'FFFFE0B2' } });
  });

  it('lists every problem on Findings and every info fact apart on Facts, with what to do and the reference', () => {
    const rows = sheetRows(wb, 'Findings');
    const all = items.flatMap((i) => i.result.findings);
    expect(rows).toHaveLength(1 + all.filter((f) => f.severity !== 'info').length);
    expect(sheetRows(wb, 'Facts')).toHaveLength(1 + all.filter((f) => f.severity === 'info').length);
    const h = rows[0] as string[];
    expect(rows.slice(1).every((r) => r[h.indexOf('Severity')] !== 'Info')).toBe(true);
    const row = rows.find((r) => r[h.indexOf('Code')] === 'MTASTS_MX_NONE_COVERED')!;
    expect(row[h.indexOf('Severity')]).toBe('Critical');
    expect(row[h.indexOf('Severity rank (1 = critical)')]).toBe(1);
    expect(row[h.indexOf('Problem')]).toBe(plainText('MTASTS_MX_NONE_COVERED').title);
    expect(row[h.indexOf('What it means')]).toBe(plainText('MTASTS_MX_NONE_COVERED').impact);
    expect(row[h.indexOf('Detail')]).toBe('no MX matches mx.other.example');
    expect(row[h.indexOf('What to do')]).toBe(plainText('MTASTS_MX_NONE_COVERED').fix.map((s, i) => `${i + 1}. ${s}`).join('\n'));
    const fact = sheetRows(wb, 'Facts').find((r) => r[0] === 'd00000.example.com')!;
    expect(fact.slice(0, 2)).toEqual(['d00000.example.com', plainText('MTASTS_MODE_ENFORCE').title]);
    expect(row[h.indexOf('RFC reference')]).toBe(CATALOGUE.MTASTS_MX_NONE_COVERED.ref);
    const line = rows.find((r) => r[h.indexOf('Code')] === 'MTASTS_POLICY_CONTROL_CHARS')!;
    expect(line[h.indexOf('Policy line')]).toBe(4);
  });

  it('lists each probed MX address with certificate facts and dates, and every domain using each host', () => {
    const rows = sheetRows(wb, 'MX hosts');
    const h = rows[0] as string[];
    const row = rows.find((r) => r[0] === 'mx1.mail.example.net' && r[1] === '198.51.100.10')!;
    expect(row[h.indexOf('TLS version')]).toBe('TLSv1.3');
    expect(row[h.indexOf('Not after (UTC)')]).toBeInstanceOf(Date);
    expect(row[h.indexOf('Days left')]).toBe(44);
    expect(row[h.indexOf('Key')]).toBe('RSA 2048 bits');
    expect(row[h.indexOf('SHA-256 fingerprint')]).toMatch(/^[0-9a-f]{64}$/);
    expect(row[h.indexOf('Chain trusted')]).toBe('yes');
    const domains = items.filter((i) => i.result.mx.length > 0).length;
    expect(row[h.indexOf('Domains')]).toBe(domains);
    expect(row[h.indexOf('Domains using it')]).toBe(`all ${domains} domains: sheet MX domains, from row 2`);
    const listed = sheetRows(wb, 'MX domains').slice(1).filter((r) => r[0] === 'mx1.mail.example.net').map((r) => r[1]);
    expect(listed).toEqual(items.filter((i) => i.result.mx.some((m) => m.host === 'mx1.mail.example.net')).map((i) => i.result.domain));
    const hostRow = rows.indexOf(row) + 1;
    const target = sheetLinks(file, 'MX hosts').find((l) => l.ref === `${String.fromCharCode(64 + h.indexOf('Domains using it') + 1)}${hostRow}`)!;
    expect(target.sheet).toBe('MX domains');
    expect(sheetRows(wb, 'MX domains')[target.row - 1]![0]).toBe('mx1.mail.example.net');
    expect(sheetRows(wb, 'MX domains')[target.row - 2]![0]).not.toBe('mx1.mail.example.net');
  });

  it('links each domain to its first row on Findings, Facts and Evidence, and the rows after it are its own', () => {
    const domains = sheetRows(wb, 'Domains');
    const h = domains[0] as string[];
    const links = sheetLinks(file, 'Domains');
    const byColumn = (name: string) => links.filter((l) => columnOf(l.ref) === h.indexOf(name) + 1);
    for (const [column, sheet, count] of [['Findings', 'Findings', (i: (typeof items)[number]) => i.result.findings.filter((f) => f.severity !== 'info').length],
      ['Facts', 'Facts', (i: (typeof items)[number]) => i.result.findings.filter((f) => f.severity === 'info').length],
      ['Evidence', 'Evidence', undefined]] as const) {
      const target = sheetRows(wb, sheet);
      const found = byColumn(column);
      expect(found.length).toBeGreaterThan(0);
      for (const l of found) {
        const domain = domains[Number(l.ref.match(/\d+/)![0]) - 1]![0];
        expect(l.sheet).toBe(sheet);
        expect(target[l.row - 1]![0]).toBe(domain);
        expect(target[l.row - 2]![0]).not.toBe(domain);
        const item = items.find((i) => i.result.domain === domain)!;
        if (count) {
          expect(found.length).toBe(items.filter((i) => count(i) > 0).length);
          expect(target.filter((r) => r[0] === domain)).toHaveLength(count(item));
        }
      }
    }
    expect(domains[1]![h.indexOf('Evidence')]).toBe(`${sheetRows(wb, 'Evidence').filter((r) => r[0] === 'd00000.example.com').length} rows`);
  });

  it('makes rows as tall as their wrapped text', () => {
    const ws = wb.getWorksheet('Evidence')!;
    const rows = sheetRows(wb, 'Evidence');
    const mx = rows.findIndex((r) => r[0] === 'd00000.example.com' && r[3] === 'MX');
    expect(ws.getRow(mx + 1).height).toBe(30); // two MX records, one line each
    const policy = rows.findIndex((r) => r[0] === 'd00000.example.com' && r[1] === 'Policy fetch');
    expect(ws.getRow(policy + 1).height).toBeGreaterThanOrEqual(4 * 15);
    const hostile = rows.findIndex((r) => r[0] === 'hostile.example.org' && r[1] === 'Policy fetch');
    expect(ws.getRow(hostile + 1).height).toBe(409);
    const one = rows.findIndex((r) => r[0] === 'd00000.example.com' && r[3] === 'A');
    expect(ws.getRow(one + 1).height ?? 15).toBe(15);
  });

  it('lists the changes against the previous audit', () => {
    const rows = sheetRows(wb, 'Changes');
    const h = rows[0] as string[];
    const posture = rows.find((r) => r[0] === 'd00003.example.com' && r[h.indexOf('What')] === 'posture worsened')!;
    expect(posture[h.indexOf('Change')]).toBe('Regressed');
    expect(posture[h.indexOf('Severity rank (1 = critical)')]).toBe(3);
    expect(posture[h.indexOf('Outcome before')]).toBe('Protected');
    expect(posture[h.indexOf('Outcome after')]).toBe('Unprotected');
    expect(rows.some((r) => r[0] === 'hostile.example.org' && r[h.indexOf('Change')] === 'New in the list')).toBe(true);
    expect(rows.some((r) => r[0] === 'd00003.example.com' && r[h.indexOf('What')] === 'new problem' && r[h.indexOf('Detail')] === plainText('MTASTS_DNS_RECORD_MISSING').title)).toBe(true);
  });

  it('keeps the raw evidence: records with TTLs, the policy body and its SHA-256', () => {
    const rows = sheetRows(wb, 'Evidence');
    const h = rows[0] as string[];
    const mx = rows.find((r) => r[0] === 'd00000.example.com' && r[h.indexOf('Type')] === 'MX')!;
    expect(mx[h.indexOf('Records (name TTL class type data)')]).toBe('d00000.example.com 3600 IN MX 10 mx1.mail.example.net\nd00000.example.com 3600 IN MX 20 mx2.mail.example.net');
    const policy = rows.find((r) => r[0] === 'd00000.example.com' && r[h.indexOf('Item')] === 'Policy fetch')!;
    expect(policy[h.indexOf('SHA-256')]).toBe(items[0]!.result.policy!.sha256);
    expect(policy[h.indexOf('Content')]).toBe(items[0]!.result.policy!.text);
    expect(rows.some((r) => r[h.indexOf('Item')] === 'TLSA' && String(r[6]).startsWith('3 1 1 '))).toBe(true);
    const content = wb.getWorksheet('Evidence')!.getRow(rows.indexOf(policy) + 1).getCell(h.indexOf('Content') + 1);
    expect(content.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
  });

  it('shows formula-looking untrusted text exactly as written, as inert string cells, never as formulas', () => {
    const detail = (code: string) => {
      for (const sheet of ['Findings', 'Facts']) {
        const rows = sheetRows(wb, sheet);
        const row = rows.find((r) => r[0] === 'hostile.example.org' && r.includes(code));
        if (row) return row[(rows[0] as string[]).indexOf('Detail')];
      }
      throw new Error(`no finding ${code}`);
    };
    expect(detail('MTASTS_POLICY_SYNTAX_INVALID')).toBe(HOSTILE.formula);
    expect(detail('MTASTS_POLICY_UNKNOWN_FIELD')).toBe('+1');
    expect(detail('MTASTS_POLICY_EXTENSION_INVALID')).toBe('-2');
    expect(detail('MTASTS_POLICY_MX_INVALID')).toBe('@SUM(A1)');
    expect(detail('MTASTS_POLICY_WHITESPACE_MISPLACED')).toBe('\t=1+1');
    expect(detail('MTASTS_POLICY_BLANK_LINE')).toBe('\uFFFD=1+1'); // a lone CR is itself made visible
    const domains = sheetRows(wb, 'Domains');
    const at = domains.findIndex((r) => r[0] === 'hostile.example.org');
    expect(domains[at]![2]).toBe(HOSTILE.formula);
    const tagCell = wb.getWorksheet('Domains')!.getRow(at + 1).getCell(3);
    expect(tagCell.type).toBe(ExcelJS.ValueType.String);
    expect(tagCell.formula).toBeUndefined();
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
    const xml = run('unzip', ['-p', file, 'xl/worksheets/*.xml']);
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('survives hostile text: control and bidi characters replaced, long text cut under the cell limit', () => {
    const rows = sheetRows(wb, 'Findings');
    const h = rows[0] as string[];
    const hostile = [...rows, ...sheetRows(wb, 'Facts')].filter((r) => r[0] === 'hostile.example.org');
    const control = hostile.find((r) => r[h.indexOf('Code')] === 'MTASTS_POLICY_CONTROL_CHARS')![h.indexOf('Detail')];
    expect(control).toBe('line 4: a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf');
    const long = hostile.find((r) => r[h.indexOf('Code')] === 'MTASTS_POLICY_NOT_A_POLICY')![h.indexOf('Detail')] as string;
    expect(long.startsWith(HOSTILE.script)).toBe(true);
    const scripts = hostile.find((r) => r[h.indexOf('Code')] === 'MTASTS_DNS_NON_ASCII')![h.indexOf('Detail')];
    // Other scripts stay as they are; the right-to-left override before "evil" is made visible and inert.
    const shown = HOSTILE.scripts.replace('\u202E', '\uFFFD');
    expect(scripts).toBe(shown);
    const body = sheetRows(wb, 'Evidence').find((r) => r[0] === 'hostile.example.org' && r[1] === 'Policy fetch')![8] as string;
    expect(body).toContain(HOSTILE.longLine);
    expect(body).toContain(shown);
  });

  it('is well-formed XML throughout, hostile policy body included (checked by expat, not by exceljs)', () => {
    const script = 'import sys, zipfile, xml.dom.minidom as m\n' +
      'z = zipfile.ZipFile(sys.argv[1])\n' +
      'parts = [n for n in z.namelist() if n.endswith((".xml", ".rels"))]\n' +
      '[m.parseString(z.read(n)) for n in parts]\n' +
      'print(len(parts))';
    expect(Number(run('python3', ['-c', script, file]))).toBeGreaterThanOrEqual(10);
  });

  it('cuts text longer than Excel allows, with a marker', async () => {
    const huge = makeResult('huge.example.com', { posture: 'invalid', policyText: 'y'.repeat(40_000) });
    const f = outPath('workbook-huge.xlsx');
    await writeWorkbookFrom(memorySource({ run: makeRun({ total: 1 }), items: [{ result: huge, tags: {} }] }), f);
    const body = sheetRows(await readWorkbook(f), 'Evidence').find((r) => r[1] === 'Policy fetch')![8] as string;
    expect(body.length).toBeLessThanOrEqual(32_767);
    expect(body).toMatch(/… \[truncated: first \d+ of 40000 characters shown; evidence.json in the evidence bundle has the whole text\]$/);
    const summary = sheetRows(await readWorkbook(f), 'Summary');
    expect(summary.find((r) => r[0] === 'Long text')?.[1]).toMatch(/^1 cell\(s\) held more than the 32,767 characters/);
  });

  it('says so when there is no earlier audit, and copes with a run without results', async () => {
    const f = outPath('workbook-empty.xlsx');
    await writeWorkbookFrom(memorySource({ run: makeRun({ total: 5, state: 'paused', finishedAt: null }), items: [] }), f);
    const empty = await readWorkbook(f);
    expect(sheetRows(empty, 'Changes')[1]).toEqual([undefined, 'no earlier audit', undefined, undefined, undefined, undefined, undefined, 'There is no earlier audit of this estate to compare with.']);
    for (const name of ['Domains', 'Findings', 'Facts', 'MX hosts', 'MX domains', 'Evidence']) expect(sheetRows(empty, name)).toHaveLength(1);
    expect(sheetRows(empty, 'Domains')).toHaveLength(1);
    expect(sheetRows(empty, 'Summary').find((r) => r[0] === 'Domains not audited yet')?.[1]).toBe(5);
  });
});
