/**
 * One domain's section: the protection outcome first and what decided it, the actions (with the exact values to
 * publish), the one-line facts, the findings, the DNS answers (each once) with TTLs, the MTA-STS record, the
 * policy fetch with the HTTPS certificate and the policy text with the offending lines marked, then the mail
 * servers with their SMTP conversations. Closes with the hash of the domain's entry in the evidence JSON.
 */
import { SEVERITIES, severityRank } from '../../../shared/findings';
import { OUTCOME_LABEL, OUTCOME_MEANING, resultOutcome } from '../../../shared/outcome';
import { summariseResult } from '../../../shared/result-summary';
import type { DnsAnswer, DomainResult } from '../../../shared/types';
import type { DomainDigest } from '../report/evidence-json';
import { answerOutcome, answerRecords, certificateFacts, policyBody, policySha256 } from '../report/evidence-text';
import { DANE_LABEL, POSTURE_LABEL, SEVERITY_COLOUR, SEVERITY_LABEL, STARTTLS_LABEL, TLSRPT_LABEL, utcMinute } from '../report/labels';
import { domainLabel, type ReportItem } from '../report/source';
import { ACTION_STAGE_LABEL, type DomainActions } from '../../../shared/actions';
import { domainActions, type PackAction } from './actions';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { anchorOf, codeAnchor } from './findings';
import { drawMxEvidence } from './mx-evidence';
import { drawPolicyText } from './policy-text';
import { OUTCOME_COLOUR } from '../report/outcome-colours';
import { PdfTable } from './table';
import { clip } from './text';
import { findingWords } from './words';

export interface DomainPosition {
  index: number;
  total: number;
  /** Adds the domain's bookmark on its first page. */
  bookmark: (title: string) => void;
  /** Full layout: a new page per domain and the SMTP conversations inline. Else sections follow each other. */
  full: boolean;
  /** The report date: actions that propose a new policy id derive it from this. */
  now: Date;
}

function header(pdf: ReportPdf, r: DomainResult, { index, total, bookmark, full }: DomainPosition): void {
  if (!full) {
    pdf.ensureSpace(120);
    if (pdf.doc.y > pdf.top + 1) {
      const y = pdf.doc.y + 6;
      pdf.artifact(() => pdf.doc.moveTo(pdf.left, y).lineTo(pdf.left + pdf.width, y).lineWidth(1.5).strokeColor(COLOUR.accent).stroke());
      pdf.doc.y = y + 10;
    }
  }
  bookmark(domainLabel(r));
  pdf.anchor(anchorOf(index));
  pdf.paragraph(`Domain ${index} of ${total}`, { size: SIZE.small, colour: COLOUR.muted, gap: 0 });
  pdf.heading(domainLabel(r), full ? 1 : 2);
  const verdict = resultOutcome(r);
  const colour = OUTCOME_COLOUR[verdict.outcome];
  const label = OUTCOME_LABEL[verdict.outcome];
  const y = pdf.doc.y;
  pdf.font('bold', SIZE.body);
  const w = pdf.widthOf(label) + 16;
  pdf.artifact(() => pdf.doc.roundedRect(pdf.left, y, w, 16, 3).fill(`#${colour.strong}`));
  pdf.font('bold', SIZE.body, COLOUR.white);
  pdf.tagged('P', () => pdf.draw(label, pdf.left + 8, y + 4, { lineBreak: false }));
  pdf.font('regular', SIZE.small + 0.5, COLOUR.text);
  pdf.tagged('P', () => pdf.draw(OUTCOME_MEANING[verdict.outcome], pdf.left + w + 8, y + 3.5, { width: pdf.width - w - 8 }));
  pdf.doc.y = Math.max(pdf.doc.y, y + 16) + 4;
  pdf.doc.x = pdf.left;
  const decided = verdict.decidedBy.map((c) => findingWords(c).title);
  if (decided.length > 0) pdf.paragraph(`Decided by: ${decided.join('; ')}.  Policy posture: ${POSTURE_LABEL[r.posture] ?? r.posture}.`, { size: SIZE.small, colour: COLOUR.muted, gap: 4 });
}

/** What was observed for each of the action's findings (a large pack prints it here instead of a findings table). */
function observed(r: DomainResult, a: PackAction): string {
  return r.findings.filter((f) => a.resolves.includes(f.code)).map((f) => `${f.subject ? `${f.subject}: ` : ''}${f.message}${f.line ? ` (policy line ${f.line})` : ''}`).join('; ');
}

const PUBLISH_KIND: Record<string, string> = {
  'dns-txt': 'DNS TXT record', 'dns-mx': 'DNS MX record', 'dns-tlsa': 'DNS TLSA record', 'dns-delete': 'Delete DNS record',
  'policy-file': 'Policy file', 'http-header': 'HTTP header', certificate: 'Certificate names',
};

function drawPublish(pdf: ReportPdf, a: PackAction): void {
  if (a.publish.length === 0) return;
  const table = new PdfTable(pdf, [{ header: 'Publish', share: 0.16 }, { header: 'Name', share: 0.3, role: 'mono' }, { header: 'Exact value', share: 0.54, role: 'mono' }], SIZE.small - 0.5);
  for (const p of a.publish) table.row({ cells: [PUBLISH_KIND[p.kind] ?? p.kind, p.name, p.value] });
  table.end();
}

function drawActions(pdf: ReportPdf, r: DomainResult, { actions, readiness }: DomainActions, withObserved: boolean): void {
  if (actions.length === 0 && !readiness) return;
  pdf.heading('What to do', 2);
  if (readiness) {
    // A large pack keeps it to the verdict: the actions below are what stands in the way.
    const blockers = withObserved ? 'the actions below come first.' : readiness.blockers.join(' ');
    pdf.labelled('Ready for mode enforce', readiness.ready ? 'yes: nothing stands in the way.' : `not yet: ${blockers}`, SIZE.small + 0.5);
  }
  actions.forEach((a, i) => {
    pdf.ensureSpace(50);
    pdf.font('bold', SIZE.body, COLOUR.text);
    pdf.tagged('H4', () => pdf.text(`${i + 1}. ${a.title}  (${ACTION_STAGE_LABEL[a.stage]}, ${SEVERITY_LABEL[a.severity].toLowerCase()})`));
    pdf.doc.y += 1;
    if (a.why) pdf.labelled('Why', a.why, SIZE.small + 0.5);
    if (a.hosts.length > 0) pdf.labelled('Concerns', a.hosts.join(', '), SIZE.small + 0.5);
    if (withObserved) {
      const seen = observed(r, a);
      if (seen) pdf.labelled('Observed', clip(seen, 600), SIZE.small + 0.5);
    }
    if (withObserved && a.resolves[0]) {
      // A large pack gives the steps once per cause (Findings by root cause) and links there.
      pdf.font('regular', SIZE.small + 0.5, COLOUR.link);
      pdf.tagged('Link', () => pdf.text('How to fix it: see Findings by root cause', { goTo: codeAnchor(a.resolves[0]!), underline: true }));
      pdf.doc.y += 4;
    } else if (a.steps.length > 0) {
      pdf.steps('How', a.steps, SIZE.small + 0.5);
    }
    drawPublish(pdf, a);
  });
}

function facts(r: DomainResult, tags: Record<string, string>, full: boolean): [string, string][] {
  const s = summariseResult(r);
  const counts = SEVERITIES.filter((sev) => s.counts[sev] > 0).map((sev) => `${s.counts[sev]} ${SEVERITY_LABEL[sev].toLowerCase()}`).join(', ') || 'none';
  const rows: [string, string][] = [];
  if (r.input !== r.domain) rows.push(['Input', r.input]);
  const tagText = Object.entries(tags).map(([k, v]) => `${k}: ${v}`).join('; ');
  if (tagText) rows.push(['Tags', tagText]);
  rows.push(
    ['MTA-STS', s.mode ? `mode ${s.mode}, max_age ${s.maxAge ?? '?'} s, id ${s.policyId ?? '?'}` : `no usable policy${s.policyId ? ` (record id ${s.policyId})` : ''}`],
    ['MX hosts', `${s.mxCount}${s.mxCovered === null ? '' : `, ${s.mxCovered} covered by the policy`}${s.mxDeliverable === null ? '' : `, ${s.mxDeliverable} deliverable under enforce`}`],
    ['STARTTLS', `${STARTTLS_LABEL[s.starttls]} (${s.mxStarttlsOk} of ${s.mxCount} MX OK)`],
    ['DANE', DANE_LABEL[s.dane]],
    ['TLS-RPT', `${TLSRPT_LABEL[s.tlsrpt]}${r.tlsrpt?.rua?.length ? ` (${r.tlsrpt.rua.join(', ')})` : ''}`],
    ['Findings', counts],
    ['Audited', `${utcMinute(r.startedAt)}, ${Math.round(r.durationMs ?? 0)} ms, tool ${r.toolVersion ?? '?'}`],
  );
  // A large pack's MX table says what the MX, STARTTLS and DANE rows would.
  return full ? rows : rows.filter(([k]) => !['MX hosts', 'STARTTLS', 'DANE', 'Findings'].includes(k));
}

function findingsTable(pdf: ReportPdf, r: DomainResult): void {
  pdf.heading('Findings', 2);
  if (r.findings.length === 0) return pdf.paragraph('No findings.', { size: SIZE.small });
  const table = new PdfTable(pdf, [{ header: 'Severity', share: 0.1 }, { header: 'Finding', share: 0.36 }, { header: 'Observed', share: 0.54 }], SIZE.small - 0.5);
  for (const f of [...r.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))) {
    const observed = `${f.subject ? `${f.subject}: ` : ''}${f.message}${f.line ? `  (policy line ${f.line})` : ''}`;
    table.row({ cells: [SEVERITY_LABEL[f.severity] ?? f.severity, `${findingWords(f.code).title}\n${f.code}`, observed], fills: [SEVERITY_COLOUR[f.severity]?.fill] });
  }
  table.end();
}

function factsLine(pdf: ReportPdf, r: DomainResult): void {
  const info = r.findings.filter((f) => f.severity === 'info').map((f) => `${findingWords(f.code).title} (${f.code})`);
  if (info.length > 0) pdf.labelled('Facts for the record', info.join('; '), SIZE.small + 0.5);
}

/** Each query once: the engine records some answers twice (the MX set is read for the policy check too). */
export function distinctAnswers(answers: DnsAnswer[]): DnsAnswer[] {
  const seen = new Set<string>();
  return answers.filter((a) => {
    const key = `${a.name.toLowerCase()}\u0000${a.type}\u0000${answerOutcome(a)}\u0000${answerRecords(a).join('\n')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dnsTable(pdf: ReportPdf, r: DomainResult): void {
  const answers = distinctAnswers(r.evidence?.dns ?? []);
  pdf.heading('DNS answers', 2);
  if (answers.length === 0) return pdf.paragraph('No DNS answer recorded.', { size: SIZE.small });
  const table = new PdfTable(pdf, [{ header: 'Query', share: 0.28 }, { header: 'Outcome', share: 0.14 }, { header: 'Records (name TTL class type data)', share: 0.58, role: 'mono' }], SIZE.small - 0.5);
  for (const a of answers) {
    table.row({ cells: [`${a.name} ${a.type}`, `${answerOutcome(a)}${a.authenticated ? '\nDNSSEC: AD' : ''}`, answerRecords(a).join('\n') || '—'] });
  }
  table.end();
}

/** Policy line → the plain titles of the findings that name it. */
function policyMarks(r: DomainResult): Map<number, string[]> {
  const marks = new Map<number, string[]>();
  for (const f of r.findings) {
    if (!f.line || f.severity === 'info') continue;
    const list = marks.get(f.line) ?? [];
    const title = findingWords(f.code).title;
    if (!list.includes(title)) list.push(title);
    marks.set(f.line, list);
  }
  return marks;
}

function policySection(pdf: ReportPdf, r: DomainResult, full: boolean): void {
  const f = r.evidence?.policyFetch;
  const body = policyBody(r);
  if (!r.stsRecord && !f && body === undefined) return;
  pdf.heading('MTA-STS record and policy', 2);
  const rows: [string, string][] = [];
  if (r.stsRecord) rows.push(['TXT record', `${r.stsRecord.text}  (${r.stsRecord.valid ? 'valid' : 'invalid'})`]);
  if (f) {
    const fetch = [f.outcome, f.status !== undefined ? `HTTP ${f.status}` : '', f.errorCode ?? '', f.errorMessage ?? ''].filter(Boolean).join(', ');
    const addresses = `${f.addresses.join(', ') || 'none'}${f.addressesTried !== undefined ? `; ${f.addressesTried} tried` : ''}${f.addressUsed ? `; answer from ${f.addressUsed}` : ''}`;
    const interim = f.informational?.length ? f.informational.map((s) => `HTTP ${s}`).join(', ') : undefined;
    const body = `${f.bodyBytes} bytes${f.truncated ? ' (cut at the size limit)' : ''}, fetched in ${f.timings?.totalMs ?? '?'} ms`;
    if (full) {
      rows.push(['Policy URL', f.url], ['Fetch', fetch], ['Addresses', addresses]);
      if (interim) rows.push(['Interim responses', interim]);
      if (f.headers?.['content-type']) rows.push(['Content-Type', f.headers['content-type']]);
      rows.push(['Body', body]);
    } else {
      // A large pack states the fetch in one row.
      const type = f.headers?.['content-type'] ? `, ${f.headers['content-type']}` : '';
      rows.push(['Policy fetch', `${f.url}: ${fetch}${interim ? ` (after ${interim})` : ''}${type}, ${body}; addresses ${addresses}`]);
    }
  }
  pdf.keyValues(rows, 110, SIZE.small + 0.5);
  if (f?.tls) {
    const leaf = f.tls.chain?.[0];
    if (!full && f.tls.chainTrusted && f.tls.nameValid && leaf) {
      // A large pack states a good certificate in one line; evidence.json has the rest.
      pdf.keyValues([['HTTPS certificate', `trusted, valid for ${f.tls.referenceName}, ${leaf.issuer}, expires ${utcMinute(leaf.notAfter)}`]], 110, SIZE.small + 0.5);
    } else {
      pdf.heading(`HTTPS certificate of ${f.host}`, 3);
      pdf.keyValues(certificateFacts(f.tls, utcMinute), 110, SIZE.small + 0.5);
    }
  }
  if (body !== undefined) {
    pdf.ensureSpace(80);
    pdf.heading('Policy text', 3);
    drawPolicyText(pdf, body, policySha256(r), policyMarks(r));
  }
}

export function drawDomainPage(pdf: ReportPdf, item: ReportItem, position: DomainPosition, digest: DomainDigest): void {
  const r = item.result;
  // The section's page break comes first, so the Sect starts on the domain's page.
  if (position.full) pdf.newPage();
  pdf.part('Sect', () => {
    header(pdf, r, position);
    drawActions(pdf, r, domainActions(r, position.now), !position.full);
    if (position.full) pdf.heading('Facts', 2);
    pdf.keyValues(facts(r, item.tags, position.full), 110, SIZE.small + 0.5);
    // A large pack keeps the section short: the defects are in the actions above, the facts in one line.
    if (position.full) findingsTable(pdf, r);
    else factsLine(pdf, r);
    dnsTable(pdf, r);
    policySection(pdf, r, position.full);
    drawMxEvidence(pdf, r.mx ?? [], r.smtpNotTested, position.full);
    pdf.ensureSpace(24);
    pdf.doc.y += 4;
    pdf.paragraph(`Evidence SHA-256 (entry ${position.index} of evidence.json): ${digest.sha256}`, { size: SIZE.small - 0.5, colour: COLOUR.muted, role: 'mono' });
  });
}
