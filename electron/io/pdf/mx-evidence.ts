/**
 * The mail servers as evidence: per MX host its verdicts, and per address the SMTP conversation the auditor had
 * (banner, EHLO before TLS, the STARTTLS reply, the TLS session, EHLO after TLS, the session without SNI,
 * attempts and time), the certificate it presented, and the host's TLSA records. A small pack prints it in each
 * domain's section; a large one prints each host and address once (in "Mail servers") and each domain's
 * section lists its addresses with a link there.
 */
import type { MxHostResult, SmtpProbe } from '../../../shared/types';
import { answerOutcome, certificateFacts, tlsaLines } from '../report/evidence-text';
import { utcMinute, yesNo } from '../report/labels';
import type { ProbeUse } from '../report/source';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';

export function mxAnchor(host: string, address: string): string {
  return `mx-${host}-${address}`.replace(/[^A-Za-z0-9.-]/g, '_');
}

function verdicts(h: MxHostResult): string {
  const covered = h.covered === undefined ? 'no usable policy' : h.covered ? `yes${h.coveringPattern ? ` (${h.coveringPattern})` : ''}` : 'no';
  const parts = [
    `addresses ${h.addresses.join(', ') || 'none'}`,
    h.cnameTarget ? `alias of ${h.cnameTarget}` : undefined,
    `covered by the policy: ${covered}`,
    `STARTTLS works: ${yesNo(h.starttlsOk) || 'not tested'}`,
    h.mtaStsPass === undefined ? undefined : `MTA-STS check: ${h.mtaStsPass ? 'pass' : 'fail'}`,
    h.danePass === undefined ? undefined : `DANE check: ${h.danePass ? 'pass' : 'fail'}`,
    `a strict sender can deliver: ${yesNo(h.deliverable) || 'unknown'}`,
  ];
  return parts.filter(Boolean).join('  ·  ');
}

const OUTCOME_WORDS: Record<string, string> = {
  ok: 'STARTTLS works',
};

function probeResult(p: SmtpProbe): string {
  const parts = [OUTCOME_WORDS[p.outcome] ?? p.outcome];
  if (p.phase && p.outcome !== 'ok') parts.push(`at ${p.phase}`);
  if (p.tls) parts.push(`chain ${p.tls.chainTrusted ? 'trusted' : 'NOT trusted'}, name ${p.tls.nameValid ? 'valid' : 'NOT valid'}`);
  return parts.join('; ');
}

/** The SMTP conversation as the auditor saw it, step by step; only the steps the probe reached. */
export function transcriptRows(p: SmtpProbe): [string, string][] {
  const rows: [string, string][] = [
    ['Connection', `${p.address} port ${p.port}, ${utcMinute(p.startedAt)}, ${Math.round(p.elapsedMs)} ms${p.attempts && p.attempts > 1 ? `, ${p.attempts} attempts` : p.attempts === 1 ? ', 1 attempt' : ''}`],
  ];
  if (p.banner !== undefined) rows.push(['Banner', p.banner]);
  if (p.ehlo?.length) rows.push(['EHLO (before TLS)', p.ehlo.join('\n')]);
  if (p.starttlsReply !== undefined) rows.push(['STARTTLS reply', p.starttlsReply]);
  if (p.tls) rows.push(['TLS session', `${p.tls.protocol} ${p.tls.cipher}; chain ${p.tls.chainTrusted ? 'trusted' : `NOT trusted${p.tls.chainError ? ` (${p.tls.chainError})` : ''}`}; name ${p.tls.nameValid ? 'valid' : 'NOT valid'} for ${p.tls.referenceName}`]);
  if (p.ehloAfterTls?.length) rows.push(['EHLO (after TLS)', p.ehloAfterTls.join('\n')]);
  if (p.withoutSni) rows.push(['Without SNI', `${p.withoutSni.ok ? (p.withoutSni.nameValid ? 'works, name valid' : 'works, name NOT valid') : 'failed'}${p.withoutSni.error ? ` (${p.withoutSni.error})` : ''}`]);
  rows.push(['Result', `${probeResult(p)}${p.deferred ? ' (the server only answered "try again later")' : ''}${p.error ? `\n${p.error}` : ''}`]);
  return rows;
}

/** One address: the conversation, then the certificate it presented. */
export function drawProbe(pdf: ReportPdf, p: SmtpProbe, title = `${p.address} port ${p.port}`): void {
  pdf.ensureSpace(90);
  pdf.font('bold', SIZE.small + 0.5, COLOUR.text);
  pdf.tagged('H4', () => pdf.text(title));
  pdf.doc.y += 2;
  pdf.keyValues(transcriptRows(p), 110, SIZE.small);
  if (p.tls?.chain?.length) {
    pdf.font('bold', SIZE.small, COLOUR.muted);
    pdf.tagged('P', () => pdf.text('Certificate presented'));
    pdf.doc.y += 3;
    pdf.keyValues(certificateFacts(p.tls, utcMinute).filter(([k]) => k !== 'TLS' && k !== 'Chain' && k !== 'Name check'), 110, SIZE.small);
  }
  pdf.doc.y += 3;
}

function drawTlsa(pdf: ReportPdf, h: MxHostResult): void {
  if (!h.tlsa) return;
  const t = h.tlsa;
  pdf.paragraph(`TLSA ${t.owner}: ${answerOutcome(t)}, ${t.authenticated ? 'DNSSEC-secure (AD)' : 'not DNSSEC-secure'}`, { size: SIZE.small, gap: 2 });
  const lines = tlsaLines(t);
  if (lines.length > 0) pdf.paragraph(lines.join('\n'), { size: SIZE.mono, role: 'mono', gap: 4 });
}

function drawHost(pdf: ReportPdf, h: MxHostResult): void {
  // The host's title, verdicts and the first probe belong on one page.
  pdf.ensureSpace(110);
  pdf.heading(`MX ${h.preference}  ${h.host}`, 3);
  pdf.paragraph(verdicts(h), { size: SIZE.small, colour: COLOUR.muted, gap: 3 });
  for (const p of h.probes) drawProbe(pdf, p);
  drawTlsa(pdf, h);
}

/** A large pack's MX evidence for one domain: one row per host and address, linked to its conversation. */
function drawHostTable(pdf: ReportPdf, hosts: MxHostResult[]): void {
  const table = new PdfTable(pdf, [
    { header: 'MX host', share: 0.3 }, { header: 'Address', share: 0.2 }, { header: 'Covered by the policy', share: 0.15 }, { header: 'Result', share: 0.35 },
  ], SIZE.small - 0.5);
  for (const h of hosts) {
    const covered = h.covered === undefined ? 'no usable policy' : h.covered ? 'yes' : 'NO';
    if (h.probes.length === 0) table.row({ cells: [`${h.preference} ${h.host}`, h.addresses.join(', ') || 'none', covered, 'not tested'] });
    for (const p of h.probes) table.row({ cells: [`${h.preference} ${h.host}`, p.address, covered, probeResult(p)], links: [undefined, mxAnchor(p.host, p.address)] });
  }
  table.end();
  for (const h of hosts) drawTlsa(pdf, h);
}

export function drawMxEvidence(pdf: ReportPdf, hosts: MxHostResult[], smtpNotTested: string | undefined, inline: boolean): void {
  pdf.heading('Mail servers (MX)', 2);
  if (smtpNotTested) pdf.paragraph(`STARTTLS not tested: ${smtpNotTested}.`, { size: SIZE.small, role: 'italic' });
  if (hosts.length === 0) {
    pdf.paragraph('No MX host.', { size: SIZE.small });
    return;
  }
  if (!inline) {
    pdf.paragraph('Each address links to its SMTP conversation and certificate in the Mail servers section.', { size: SIZE.small, colour: COLOUR.muted, gap: 3 });
    return drawHostTable(pdf, hosts);
  }
  for (const h of hosts) drawHost(pdf, h);
}

/** Every probed host and address once, with the domains that use it (large packs). */
export function drawMailServers(pdf: ReportPdf, uses: Iterable<ProbeUse>): void {
  pdf.section('Mail servers', 'mail-servers');
  pdf.paragraph('Each MX host and address the audit connected to, once, with the SMTP conversation and the certificate presented. The domains that use it link here.');
  for (const u of uses) {
    pdf.ensureSpace(110);
    pdf.heading(`${u.probe.host}  ·  ${u.probe.address}`, 3, { anchor: mxAnchor(u.probe.host, u.probe.address) });
    const names = u.domains.slice(0, 20).join(', ');
    pdf.paragraph(`Used by ${u.domains.length} domain(s): ${names}${u.domains.length > 20 ? `, and ${u.domains.length - 20} more` : ''}.`, { size: SIZE.small, colour: COLOUR.muted, gap: 2 });
    drawProbe(pdf, u.probe, 'SMTP conversation');
  }
}
