/** The per-MX part of a domain's evidence: verdicts, each address's STARTTLS probe and certificate, and TLSA. */
import type { MxHostResult, SmtpProbe } from '../../../shared/types';
import { answerOutcome, certificateNames, keyDescription, tlsaLines } from '../report/evidence-text';
import { yesNo } from '../report/labels';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';

function verdicts(h: MxHostResult): string {
  const covered = h.covered === undefined ? 'no usable policy' : h.covered ? `yes${h.coveringPattern ? ` (${h.coveringPattern})` : ''}` : 'no';
  const parts = [
    `addresses ${h.addresses.join(', ') || 'none'}`,
    h.cnameTarget ? `alias of ${h.cnameTarget}` : undefined,
    `covered by policy: ${covered}`,
    `STARTTLS OK: ${yesNo(h.starttlsOk) || 'not tested'}`,
    h.mtaStsPass === undefined ? undefined : `MTA-STS: ${h.mtaStsPass ? 'pass' : 'fail'}`,
    h.danePass === undefined ? undefined : `DANE: ${h.danePass ? 'pass' : 'fail'}`,
    `deliverable for a strict sender: ${yesNo(h.deliverable) || 'unknown'}`,
  ];
  return parts.filter(Boolean).join('  ·  ');
}

function certificateCell(p: SmtpProbe): string {
  const tls = p.tls;
  const leaf = tls?.chain?.[0];
  if (!tls || !leaf) return tls ? `${tls.protocol} ${tls.cipher}; no certificate recorded` : '';
  return [
    `${tls.protocol} ${tls.cipher}`,
    `subject ${leaf.subject}`,
    `SANs ${certificateNames(leaf) || 'none'}`,
    `issuer ${leaf.issuer}`,
    `not after ${leaf.notAfter} (${leaf.daysLeft} days)`,
    `key ${keyDescription(leaf)}`,
    `SHA-256 ${leaf.fingerprintSha256}`,
  ].join('\n');
}

function probeVerdict(p: SmtpProbe): string {
  const lines: string[] = [p.outcome];
  if (p.phase && p.outcome !== 'ok') lines.push(`at ${p.phase}`);
  if (p.error) lines.push(p.error);
  if (p.tls) lines.push(`chain ${p.tls.chainTrusted ? 'trusted' : 'NOT trusted'}`, `name ${p.tls.nameValid ? 'valid' : 'NOT valid'}`);
  if (p.tls?.chainError) lines.push(p.tls.chainError);
  if (p.withoutSni) lines.push(`without SNI: ${p.withoutSni.ok ? (p.withoutSni.nameValid ? 'ok' : 'name not valid') : 'failed'}`);
  return lines.join('\n');
}

function drawHost(pdf: ReportPdf, h: MxHostResult): void {
  // The host's title, verdicts and the first probe row belong on one page.
  pdf.ensureSpace(110);
  pdf.heading(`MX ${h.preference}  ${h.host}`, 3);
  pdf.paragraph(verdicts(h), { size: SIZE.small, colour: COLOUR.muted, gap: 3 });
  if (h.probes.length > 0) {
    const table = new PdfTable(pdf, [{ header: 'Address', share: 0.2 }, { header: 'Probe', share: 0.24 }, { header: 'TLS and certificate', share: 0.56 }], SIZE.small - 0.5);
    for (const p of h.probes) table.row({ cells: [`${p.address} port ${p.port}`, probeVerdict(p), certificateCell(p)] });
    table.end();
  }
  if (h.tlsa) {
    const t = h.tlsa;
    pdf.paragraph(`TLSA ${t.owner}: ${answerOutcome(t)}, ${t.authenticated ? 'DNSSEC-secure (AD)' : 'not DNSSEC-secure'}`, { size: SIZE.small, gap: 2 });
    const lines = tlsaLines(t);
    if (lines.length > 0) pdf.paragraph(lines.join('\n'), { size: SIZE.mono, role: 'mono', gap: 4 });
  }
}

export function drawMxEvidence(pdf: ReportPdf, hosts: MxHostResult[], smtpNotTested?: string): void {
  pdf.heading('MX hosts', 2);
  if (smtpNotTested) pdf.paragraph(`STARTTLS not tested: ${smtpNotTested}.`, { size: SIZE.small, role: 'italic' });
  if (hosts.length === 0) {
    pdf.paragraph('No MX host.', { size: SIZE.small });
    return;
  }
  for (const h of hosts) drawHost(pdf, h);
}
