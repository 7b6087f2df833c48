/**
 * The executive summary: headline figures, the posture distribution and the findings by severity as bar
 * charts, the most widespread findings, and what changed since the previous audit.
 */
import { SEVERITIES } from '../../../shared/findings';
import { topFindings, type Census } from '../report/census';
import type { ChangeTally } from '../report/changes';
import { percent, POSTURE_COLOUR, POSTURE_DISPLAY_ORDER, POSTURE_LABEL, POSTURE_MEANING, SEVERITY_COLOUR, SEVERITY_LABEL, utcMinute } from '../report/labels';
import type { ReportRun } from '../report/source';
import { barChart } from './chart';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';

function tiles(pdf: ReportPdf, items: [string, string, string][]): void {
  const gap = 10;
  const w = (pdf.width - gap * (items.length - 1)) / items.length;
  const h = 58;
  pdf.ensureSpace(h + 12);
  const y = pdf.doc.y;
  items.forEach(([value, label, colour], i) => {
    const x = pdf.left + i * (w + gap);
    pdf.doc.roundedRect(x, y, w, h, 4).fill(COLOUR.zebra);
    pdf.doc.rect(x, y, 4, h).fill(`#${colour}`);
    pdf.font('bold', 20, COLOUR.text).doc.text(value, x + 12, y + 9, { width: w - 18, lineBreak: false });
    pdf.font('regular', SIZE.small, COLOUR.muted).doc.text(label, x + 12, y + 36, { width: w - 18, height: 20 });
  });
  pdf.doc.x = pdf.left;
  pdf.doc.y = y + h + 14;
}

function headline(c: Census): string {
  const p = c.postures;
  const protectedShare = percent(p.enforce, c.audited);
  return `${c.audited} of ${c.imported} imported domains were audited. ${p.enforce} (${protectedShare}) enforce MTA-STS, ` +
    `${p.testing} are in testing mode, ${p.absent} publish no MTA-STS and ${p.invalid} publish a policy that strict senders cannot use. ` +
    `${c.domainsWith.critical} domain(s) have a critical finding (compliant senders cannot deliver to them) and ${c.domainsWith.high} a high one.`;
}

function changes(pdf: ReportPdf, previous: ReportRun, t: ChangeTally): void {
  pdf.heading('Since the previous audit', 2);
  pdf.paragraph(
    `Compared with run ${previous.id} ("${previous.name}", ${utcMinute(previous.createdAt)}): ${t.classes.fixed} domain(s) fixed, ` +
    `${t.classes.regressed} regressed and ${t.classes['new-defect']} with a new problem; ${t.classes['new-domain']} are new in the list and ` +
    `${t.classes['out-of-scope']} are no longer in it (not counted as fixed); ${t.classes['could-not-compare']} could not be compared because one ` +
    `audit could not look. On the domains in both audits, ${t.defectsFixed} problem(s) were fixed and ${t.defectsNew} appeared. ` +
    `${t.idNotUpdated} policy change(s) kept the old id (senders keep the old policy) and ${t.removedWithoutNone} policy removal(s) ` +
    `skipped the mode none step. The workbook's Changes sheet lists every change.`,
  );
}

export function drawExecutiveSummary(pdf: ReportPdf, census: Census, previous?: { run: ReportRun; tally: ChangeTally }): void {
  pdf.section('Executive summary');
  const c = census;
  tiles(pdf, [
    [String(c.audited), `domains audited (of ${c.imported})`, '1F4E79'],
    [percent(c.postures.enforce, c.audited), `enforce MTA-STS (${c.postures.enforce})`, POSTURE_COLOUR.enforce.strong],
    [String(c.domainsWith.critical + 0), 'domains with a critical finding', SEVERITY_COLOUR.critical.strong],
    [String(c.failed), 'domains not assessable (error)', POSTURE_COLOUR.error.strong],
  ]);
  pdf.paragraph(headline(c));
  barChart(pdf, 'Domains by posture', POSTURE_DISPLAY_ORDER.map((p) => ({ label: POSTURE_LABEL[p], value: c.postures[p], colour: POSTURE_COLOUR[p].strong, note: `(${percent(c.postures[p], c.audited)})` })));
  const legend = new PdfTable(pdf, [{ header: 'Posture', share: 0.16, role: 'bold' }, { header: 'Domains', share: 0.1, align: 'right' }, { header: 'Meaning', share: 0.74 }]);
  for (const p of POSTURE_DISPLAY_ORDER) legend.row({ cells: [POSTURE_LABEL[p], String(c.postures[p]), POSTURE_MEANING[p]], fills: [POSTURE_COLOUR[p].fill] });
  legend.end();
  barChart(pdf, 'Domains with findings, by severity', SEVERITIES.map((s) => ({ label: SEVERITY_LABEL[s], value: c.domainsWith[s], colour: SEVERITY_COLOUR[s].strong, note: `(${c.findings[s]} findings)` })));
  const top = topFindings(c, 10);
  if (top.length > 0) {
    pdf.heading('Most widespread findings', 2);
    const table = new PdfTable(pdf, [
      { header: 'Severity', share: 0.11 }, { header: 'Finding', share: 0.55 }, { header: 'Domains', share: 0.12, align: 'right' }, { header: 'Findings', share: 0.12, align: 'right' }, { header: 'Share', share: 0.1, align: 'right' },
    ]);
    for (const t of top) {
      table.row({
        cells: [SEVERITY_LABEL[t.entry.severity], `${t.entry.title}\n${t.code}`, String(t.domains), String(t.count), percent(t.domains, c.audited)],
        fills: [SEVERITY_COLOUR[t.entry.severity].fill],
      });
    }
    table.end();
  }
  if (previous) changes(pdf, previous.run, previous.tally);
}
