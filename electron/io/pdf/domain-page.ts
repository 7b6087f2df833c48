/**
 * One domain's evidence, starting on a new page: posture and one-line facts, its findings, the DNS answers
 * with TTLs, the MTA-STS record, the policy fetch with the HTTPS certificate and the policy text with its
 * SHA-256, then the MX hosts. Closes with the hash of the domain's entry in the evidence JSON.
 */
import { SEVERITIES, severityRank } from '../../../shared/findings';
import { summariseResult } from '../../../shared/result-summary';
import type { DomainResult } from '../../../shared/types';
import type { DomainDigest } from '../report/evidence-json';
import { answerOutcome, answerRecords, certificateFacts, policyBody, policySha256 } from '../report/evidence-text';
import { DANE_LABEL, POSTURE_COLOUR, POSTURE_LABEL, SEVERITY_COLOUR, SEVERITY_LABEL, STARTTLS_LABEL, TLSRPT_LABEL, utcMinute } from '../report/labels';
import { domainLabel, type ReportItem } from '../report/source';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { drawMxEvidence } from './mx-evidence';
import { drawPolicyText } from './policy-text';
import { PdfTable } from './table';
import { pdfSafe } from './text';

export interface DomainPosition {
  index: number;
  total: number;
  /** Adds the domain's bookmark on its first page. */
  bookmark: (title: string) => void;
}

function header(pdf: ReportPdf, item: ReportItem, { index, total, bookmark }: DomainPosition): void {
  const r = item.result;
  pdf.newPage();
  bookmark(domainLabel(r));
  pdf.font('regular', SIZE.small, COLOUR.muted).text(`Domain evidence  ·  ${index} of ${total}`);
  pdf.doc.y += 2;
  pdf.heading(domainLabel(r), 1);
  const colour = POSTURE_COLOUR[r.posture] ?? POSTURE_COLOUR.error;
  const label = POSTURE_LABEL[r.posture] ?? r.posture;
  const y = pdf.doc.y;
  pdf.font('bold', SIZE.body);
  const w = pdf.doc.widthOfString(pdfSafe(label)) + 16;
  pdf.doc.roundedRect(pdf.left, y, w, 16, 3).fill(`#${colour.strong}`);
  pdf.font('bold', SIZE.body, COLOUR.white).doc.text(pdfSafe(label), pdf.left + 8, y + 4, { lineBreak: false });
  pdf.doc.y = y + 22;
  pdf.doc.x = pdf.left;
}

function facts(r: DomainResult, tags: Record<string, string>): [string, string][] {
  const s = summariseResult(r);
  const counts = SEVERITIES.filter((sev) => s.counts[sev] > 0).map((sev) => `${s.counts[sev]} ${sev}`).join(', ') || 'none';
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
  return rows;
}

function findingsTable(pdf: ReportPdf, r: DomainResult): void {
  pdf.heading('Findings', 2);
  if (r.findings.length === 0) return pdf.paragraph('No findings.', { size: SIZE.small });
  const table = new PdfTable(pdf, [{ header: 'Severity', share: 0.09 }, { header: 'Code', share: 0.35, role: 'mono' }, { header: 'Observed', share: 0.56 }], SIZE.small - 0.5);
  // Worst first; the engine's messages already name the policy line where there is one.
  for (const f of [...r.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))) {
    table.row({ cells: [SEVERITY_LABEL[f.severity] ?? f.severity, f.code, f.subject ? `${f.subject}: ${f.message}` : f.message], fills: [SEVERITY_COLOUR[f.severity]?.fill] });
  }
  table.end();
}

function dnsTable(pdf: ReportPdf, r: DomainResult): void {
  const answers = r.evidence?.dns ?? [];
  pdf.heading('DNS answers', 2);
  if (answers.length === 0) return pdf.paragraph('No DNS answer recorded.', { size: SIZE.small });
  const table = new PdfTable(pdf, [{ header: 'Query', share: 0.3 }, { header: 'Outcome', share: 0.16 }, { header: 'Records (name TTL class type data)', share: 0.54, role: 'mono' }], SIZE.small - 0.5);
  for (const a of answers) {
    table.row({ cells: [`${a.name} ${a.type}`, `${answerOutcome(a)}${a.authenticated ? '\nDNSSEC: AD' : ''}`, answerRecords(a).join('\n') || '—'] });
  }
  table.end();
}

function policySection(pdf: ReportPdf, r: DomainResult): void {
  const f = r.evidence?.policyFetch;
  const body = policyBody(r);
  if (!r.stsRecord && !f && body === undefined) return;
  pdf.heading('MTA-STS record and policy', 2);
  const rows: [string, string][] = [];
  if (r.stsRecord) rows.push(['TXT record', `${r.stsRecord.text}  (${r.stsRecord.valid ? 'valid' : 'invalid'})`]);
  if (f) {
    rows.push(['Policy URL', f.url], ['Fetch', [f.outcome, f.status !== undefined ? `HTTP ${f.status}` : '', f.errorCode ?? '', f.errorMessage ?? ''].filter(Boolean).join(', ')]);
    rows.push(['Addresses', `${f.addresses.join(', ') || 'none'}${f.addressesTried !== undefined ? `; ${f.addressesTried} tried` : ''}${f.addressUsed ? `; answer from ${f.addressUsed}` : ''}`]);
    if (f.informational?.length) rows.push(['Interim responses', f.informational.map((s) => `HTTP ${s}`).join(', ')]);
    if (f.headers?.['content-type']) rows.push(['Content-Type', f.headers['content-type']]);
    rows.push(['Body', `${f.bodyBytes} bytes${f.truncated ? ' (cut at the size limit)' : ''}, fetched in ${f.timings?.totalMs ?? '?'} ms`]);
  }
  pdf.keyValues(rows, 110, SIZE.small + 0.5);
  if (f?.tls) {
    pdf.heading(`HTTPS certificate of ${f.host}`, 3);
    pdf.keyValues(certificateFacts(f.tls), 110, SIZE.small + 0.5);
  }
  if (body !== undefined) {
    pdf.ensureSpace(80);
    pdf.heading('Policy text', 3);
    drawPolicyText(pdf, body, policySha256(r));
  }
}

export function drawDomainPage(pdf: ReportPdf, item: ReportItem, position: DomainPosition, digest: DomainDigest): void {
  const r = item.result;
  header(pdf, item, position);
  pdf.keyValues(facts(r, item.tags), 110, SIZE.small + 0.5);
  findingsTable(pdf, r);
  dnsTable(pdf, r);
  policySection(pdf, r);
  drawMxEvidence(pdf, r.mx ?? [], r.smtpNotTested);
  pdf.ensureSpace(24);
  pdf.doc.y += 4;
  pdf.paragraph(`Evidence SHA-256 (entry ${position.index} of evidence.json): ${digest.sha256}`, { size: SIZE.small - 0.5, colour: COLOUR.muted, role: 'mono' });
}
