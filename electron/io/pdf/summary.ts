/**
 * The executive summary, on the protection outcome scale (shared/outcome.ts; domains, not findings): headline
 * figures, the outcome distribution with its meaning, the top actions, every critical and high finding (never
 * cut to the most widespread), the domains to fix first linked to their sections, the policy postures, and what
 * changed since the previous audit.
 */
import { OUTCOME_LABEL, OUTCOME_MEANING, OUTCOMES, type Outcome } from '../../../shared/outcome';
import { ACTION_STAGE_LABEL, type EstateAction } from '../../../shared/actions';
import { CATALOGUE } from '../../../shared/findings';
import type { Census } from '../report/census';
import type { ChangeTally } from '../report/changes';
import { percent, POSTURE_COLOUR, POSTURE_ORDER, POSTURE_LABEL, SEVERITY_COLOUR, SEVERITY_LABEL, utcMinute } from '../report/labels';
import type { ReportFilter, ReportRun } from '../report/source';
import { tagScopeText } from '../../../shared/tags';
import { barChart } from './chart';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { anchorOf, codeAnchor, WORST_LISTED, type Collected } from './findings';
import { PdfTable } from './table';
import { OUTCOME_COLOUR } from '../report/outcome-colours';
import { findingWords } from './words';


function tiles(pdf: ReportPdf, items: [string, string, string][]): void {
  const gap = 10;
  const w = (pdf.width - gap * (items.length - 1)) / items.length;
  const h = 58;
  pdf.ensureSpace(h + 12);
  const y = pdf.doc.y;
  const list = pdf.group('L');
  items.forEach(([value, label, colour], i) => {
    const x = pdf.left + i * (w + gap);
    pdf.artifact(() => {
      pdf.doc.roundedRect(x, y, w, h, 4).fill(COLOUR.zebra);
      pdf.doc.rect(x, y, 4, h).fill(`#${colour}`);
    });
    const item = pdf.group('LI', list);
    pdf.font('bold', 20, COLOUR.text);
    pdf.tagged('Lbl', () => pdf.draw(value, x + 12, y + 9, { width: w - 18, lineBreak: false }), item);
    pdf.font('regular', SIZE.small, COLOUR.muted);
    pdf.tagged('LBody', () => pdf.draw(label, x + 12, y + 36, { width: w - 18, height: 20 }), item);
    item.end();
  });
  list.end();
  pdf.doc.x = pdf.left;
  pdf.doc.y = y + h + 14;
}

function headline(c: Census): string {
  const o = c.outcomes;
  const needAction = o['at-risk'] + o.broken;
  return `${c.audited} of ${c.imported} imported domains were audited. ${o.protected} (${percent(o.protected, c.audited)}) are protected: senders apply ` +
    `their policy and every mail server passes it. ${o['at-risk']} have mail at risk now (senders that follow the rules bounce or hold their mail) and ` +
    `${o.broken} publish a protection that is broken, so ${needAction} domain(s) need action first. ${o.unprotected} publish no protection, ` +
    `${o.monitoring} only monitor (testing mode), ${o['not-decided']} could not be decided and ${o['no-mail']} receive no mail.`;
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

/** Estate actions by priority (groupActions: worst outcome moved first, then the most domains): one per root cause. */
function topActions(pdf: ReportPdf, census: Census, actions: EstateAction[]): void {
  if (actions.length === 0) return;
  pdf.heading('Top actions', 2);
  const merged = sameTask(actions);
  const shown = merged.slice(0, 10);
  const table = new PdfTable(pdf, [
    { header: 'Priority', share: 0.1, align: 'right' }, { header: 'Action', share: 0.5 }, { header: 'Stage', share: 0.2 }, { header: 'Domains', share: 0.2, align: 'right' },
  ]);
  shown.forEach((a, i) => {
    const code = a.example.resolves[0];
    table.row({
      cells: [String(i + 1), a.title, ACTION_STAGE_LABEL[a.stage], `${a.domains.length} (${percent(a.domains.length, census.audited)})`],
      fills: [undefined, undefined, OUTCOME_COLOUR[a.outcome].fill], links: [undefined, code && Object.hasOwn(CATALOGUE, code) ? codeAnchor(code) : undefined],
    });
  });
  table.end();
  const more = merged.length > shown.length ? `${merged.length - shown.length} further action(s); ` : '';
  pdf.paragraph(`${more}each domain's section lists its own actions with the exact values to publish.`, { size: SIZE.small, colour: COLOUR.muted });
}

/**
 * The same task on many domains ("Correct the MTA-STS policy file" on 40 domains) is one row: the engine groups by
 * root cause, which is per domain for a domain's own records, per host for a shared MX. Kept in priority order.
 */
function sameTask(actions: EstateAction[]): EstateAction[] {
  const byTask = new Map<string, { action: EstateAction; domains: Set<string> }>();
  for (const a of actions) {
    const key = `${a.stage}\u0000${a.title}`;
    const seen = byTask.get(key);
    if (!seen) byTask.set(key, { action: a, domains: new Set(a.domains) });
    else for (const d of a.domains) seen.domains.add(d);
  }
  return [...byTask.values()].map(({ action, domains }) => ({ ...action, domains: [...domains] }));
}

/** Every critical and high finding, however few domains it touches. */
function seriousFindings(pdf: ReportPdf, census: Census): void {
  const serious = census.codes.filter((c) => c.entry.severity === 'critical' || c.entry.severity === 'high');
  pdf.heading('Every critical and high finding', 2);
  if (serious.length === 0) return pdf.paragraph('None: no domain has a critical or high finding.', { size: SIZE.small + 0.5 });
  const table = new PdfTable(pdf, [
    { header: 'Severity', share: 0.11 }, { header: 'Finding', share: 0.57 }, { header: 'Domains', share: 0.12, align: 'right' }, { header: 'Findings', share: 0.1, align: 'right' }, { header: 'Share', share: 0.1, align: 'right' },
  ]);
  for (const c of serious) {
    table.row({
      cells: [SEVERITY_LABEL[c.entry.severity], findingWords(c.code).title, String(c.domains), String(c.count), percent(c.domains, census.audited)],
      fills: [SEVERITY_COLOUR[c.entry.severity].fill], links: [undefined, codeAnchor(c.code)],
    });
  }
  table.end();
}

function worstDomains(pdf: ReportPdf, census: Census, collected: Collected, linkable: (index: number) => boolean): void {
  const rows = (['at-risk', 'broken', 'not-decided'] as const).flatMap((o) => collected.worst.get(o) ?? []);
  if (rows.length === 0) return;
  pdf.heading('Domains to fix first', 2);
  const table = new PdfTable(pdf, [{ header: 'Domain', share: 0.32 }, { header: 'Outcome', share: 0.18 }, { header: 'Why', share: 0.5 }]);
  for (const d of rows) {
    table.row({ cells: [d.domain, OUTCOME_LABEL[d.outcome], d.why.join('; ')], fills: [undefined, OUTCOME_COLOUR[d.outcome].fill], links: [linkable(d.index) ? anchorOf(d.index) : undefined] });
  }
  table.end();
  const more = (['at-risk', 'broken', 'not-decided'] as const).map((o) => [o, census.outcomes[o] - (collected.worst.get(o)?.length ?? 0)] as const).filter(([, n]) => n > 0);
  if (more.length > 0) {
    pdf.paragraph(`The first ${WORST_LISTED} of each are listed; ${more.map(([o, n]) => `${n} more ${OUTCOME_LABEL[o].toLowerCase()}`).join(', ')} are in the domain index at the end.`, { size: SIZE.small, colour: COLOUR.muted });
  }
}

export function drawExecutiveSummary(pdf: ReportPdf, census: Census, collected: Collected, actions: EstateAction[], linkable: (index: number) => boolean, previous?: { run: ReportRun; tally: ChangeTally }, filter?: ReportFilter): void {
  pdf.section('Executive summary', 'summary');
  // A pack of one tag value says so before any figure: every count below is of those domains only.
  if (filter) pdf.paragraph(`${tagScopeText(filter.tag, filter.matched, filter.of)}. Every figure in this pack counts these domains only.`);
  const c = census;
  const o = c.outcomes;
  tiles(pdf, [
    [String(c.audited), `domains audited (of ${c.imported})`, '1F4E79'],
    [String(o.protected), `${OUTCOME_LABEL.protected} (${percent(o.protected, c.audited)})`, OUTCOME_COLOUR.protected.strong],
    [String(o['at-risk']), OUTCOME_LABEL['at-risk'], OUTCOME_COLOUR['at-risk'].strong],
    [String(o.broken), OUTCOME_LABEL.broken, OUTCOME_COLOUR.broken.strong],
  ]);
  pdf.paragraph(headline(c));
  barChart(pdf, 'Domains by protection outcome', OUTCOMES.map((k) => ({ label: OUTCOME_LABEL[k], value: o[k], colour: OUTCOME_COLOUR[k].strong, note: `(${percent(o[k], c.audited)})` })));
  const legend = new PdfTable(pdf, [{ header: 'Outcome', share: 0.18, role: 'bold' }, { header: 'Domains', share: 0.1, align: 'right' }, { header: 'Meaning', share: 0.72 }]);
  for (const k of OUTCOMES) legend.row({ cells: [OUTCOME_LABEL[k], String(o[k]), OUTCOME_MEANING[k]], fills: [OUTCOME_COLOUR[k].fill] });
  legend.end();
  topActions(pdf, c, actions);
  seriousFindings(pdf, c);
  worstDomains(pdf, c, collected, linkable);
  barChart(pdf, 'Domains by MTA-STS policy posture (what a sender applies)', POSTURE_ORDER.map((p) => ({ label: POSTURE_LABEL[p], value: c.postures[p], colour: POSTURE_COLOUR[p].strong, note: `(${percent(c.postures[p], c.audited)})` })));
  if (previous) changes(pdf, previous.run, previous.tally);
}
