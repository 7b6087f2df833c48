/**
 * The workbook as a user opens it: read back with exceljs (and the raw sheet XML) to check sheets, headers,
 * typed values, frozen panes and filters, and that hostile text stays inert text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { CATALOGUE } from '../../../shared/findings';
import { writeWorkbookFrom } from '../../../electron/io/workbook';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, HOSTILE, hostileResult, makeResult, makeRun } from './fixtures';
import { outPath, readWorkbook, run, sheetRows } from './helpers';

const items = [...estate(80), { result: hostileResult('hostile.example.org'), tags: { 'Business unit': HOSTILE.formula } }];
const previousItems = estate(80).map((item, i) => (i === 3 ? { ...item, result: makeResult(item.result.domain, { posture: 'enforce' }) } : item));
let wb: ExcelJS.Workbook;
let file: string;

beforeAll(async () => {
  file = outPath('workbook.xlsx');
  const source = memorySource({ run: makeRun({ total: items.length + 2 }), items }, { run: makeRun({ id: 41, name: 'previous' }), items: previousItems });
  await writeWorkbookFrom(source, file, new Date('2026-03-03T10:00:00Z'));
  wb = await readWorkbook(file);
});

describe('workbook', () => {
  it('has the six sheets in order, each table frozen under its header and filterable', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Domains', 'Findings', 'MX hosts', 'Changes', 'Evidence']);
    for (const name of ['Domains', 'Findings', 'MX hosts', 'Changes', 'Evidence']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A1:[A-Z]+${ws.rowCount}$`));
      expect(ws.getColumn(1).width).toBeGreaterThan(20);
    }
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
    expect(value('Enforce')).toBe(24);
    expect(value('Invalid')).toBe(9);
    const top = rows.findIndex((r) => r[0] === 'Code');
    expect(rows[top + 1]).toEqual(['MTASTS_DNS_RECORD_MISSING', CATALOGUE.MTASTS_DNS_RECORD_MISSING.title, 'Medium', 16, 16]);
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
    expect(first[h.indexOf('Audited at (UTC)')]).toBeInstanceOf(Date);
    expect(wb.getWorksheet('Domains')!.getRow(2).getCell(h.indexOf('Audited at (UTC)') + 1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(rows[2]![h.indexOf('Owner')]).toBeUndefined();
    const ws = wb.getWorksheet('Domains')!;
    const postureCell = ws.getRow(2).getCell(h.indexOf('Posture') + 1);
    expect(postureCell.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFC8E6C9' } });
    expect(ws.getRow(5).getCell(h.indexOf('Posture') + 1).fill).toMatchObject({ fgColor: { argb: 'FFFFE0B2' } });
  });

  it('lists every finding with the catalogue remediation and reference', () => {
    const rows = sheetRows(wb, 'Findings');
    expect(rows).toHaveLength(1 + items.reduce((n, i) => n + i.result.findings.length, 0));
    const h = rows[0] as string[];
    const row = rows.find((r) => r[h.indexOf('Code')] === 'MTASTS_MX_NONE_COVERED')!;
    expect(row[h.indexOf('Severity')]).toBe('Critical');
    expect(row[h.indexOf('Detail')]).toBe('no MX matches mx.other.example');
    expect(row[h.indexOf('Remediation')]).toBe('Fix the mx lines now (or drop to testing) and bump id.');
    expect(row[h.indexOf('RFC reference')]).toBe(CATALOGUE.MTASTS_MX_NONE_COVERED.ref);
    const line = rows.find((r) => r[h.indexOf('Code')] === 'MTASTS_POLICY_CONTROL_CHARS')!;
    expect(line[h.indexOf('Policy line')]).toBe(4);
  });

  it('lists each probed MX address with certificate facts, dates and a cut list of domains', () => {
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
    expect(row[h.indexOf('Domains using it')]).toMatch(new RegExp(`… and ${domains - 50} more$`));
  });

  it('lists the changes against the previous audit', () => {
    const rows = sheetRows(wb, 'Changes');
    const h = rows[0] as string[];
    const posture = rows.find((r) => r[0] === 'd00003.example.com' && r[h.indexOf('What')] === 'posture-down')!;
    expect(posture[h.indexOf('Change')]).toBe('Regressed');
    expect(posture[h.indexOf('Outcome before')]).toBe('Protected');
    expect(posture[h.indexOf('Outcome after')]).toBe('Unprotected');
    expect(rows.some((r) => r[0] === 'hostile.example.org' && r[h.indexOf('Change')] === 'New in the list')).toBe(true);
    expect(rows.some((r) => r[0] === 'd00003.example.com' && r[h.indexOf('What')] === 'new problem' && r[h.indexOf('Detail')] === 'No MTA-STS record published')).toBe(true);
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

  it('writes formula-looking untrusted text as inert strings, never as formulas', () => {
    const rows = sheetRows(wb, 'Findings');
    const h = rows[0] as string[];
    const detail = (code: string) => rows.find((r) => r[0] === 'hostile.example.org' && r[h.indexOf('Code')] === code)![h.indexOf('Detail')];
    expect(detail('MTASTS_POLICY_SYNTAX_INVALID')).toBe(`'${HOSTILE.formula}`);
    expect(detail('MTASTS_POLICY_UNKNOWN_FIELD')).toBe("'+1");
    expect(detail('MTASTS_POLICY_EXTENSION_INVALID')).toBe("'-2");
    expect(detail('MTASTS_POLICY_MX_INVALID')).toBe("'@SUM(A1)");
    expect(detail('MTASTS_POLICY_WHITESPACE_MISPLACED')).toBe("'\t=1+1");
    expect(detail('MTASTS_POLICY_BLANK_LINE')).toBe("'\uFFFD=1+1"); // a lone CR is itself made visible
    const tag = sheetRows(wb, 'Domains').find((r) => r[0] === 'hostile.example.org')![2];
    expect(tag).toBe(`'${HOSTILE.formula}`);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
    const xml = run('unzip', ['-p', file, 'xl/worksheets/*.xml']);
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('survives hostile text: control and bidi characters replaced, long text cut under the cell limit', () => {
    const rows = sheetRows(wb, 'Findings');
    const h = rows[0] as string[];
    const hostile = rows.filter((r) => r[0] === 'hostile.example.org');
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
    expect(body).toMatch(/… \[truncated: first \d+ of 40000 characters shown\]$/);
  });

  it('says so when there is no earlier audit, and copes with a run without results', async () => {
    const f = outPath('workbook-empty.xlsx');
    await writeWorkbookFrom(memorySource({ run: makeRun({ total: 5, state: 'paused', finishedAt: null }), items: [] }), f);
    const empty = await readWorkbook(f);
    expect(sheetRows(empty, 'Changes')[1]).toEqual([undefined, 'no earlier audit', undefined, undefined, undefined, undefined, 'There is no earlier audit of this estate to compare with.']);
    expect(sheetRows(empty, 'Domains')).toHaveLength(1);
    expect(sheetRows(empty, 'Summary').find((r) => r[0] === 'Domains not audited yet')?.[1]).toBe(5);
  });
});
