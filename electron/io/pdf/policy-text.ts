/**
 * A policy file as evidence: Courier, one numbered line per policy line, long lines wrapped at a fixed column
 * (continuations marked in the gutter), the line-end style stated, and lone CRs or other control characters
 * shown as placeholders. Very long bodies are cut after a number of printed lines; the rest is in evidence.json.
 */
import { COLOUR, SIZE, type ReportPdf } from './document';
import { pdfSafe } from './text';

const MAX_PRINTED_LINES = 400;
const GUTTER = 30;

function lineEnds(body: string): string {
  const crlf = (body.match(/\r\n/g) ?? []).length;
  const lf = (body.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0) return 'none (one line)';
  if (crlf === 0) return 'LF';
  return lf === 0 ? 'CRLF' : `mixed (${crlf} CRLF, ${lf} LF)`;
}

/** Policy lines split into printable segments of `columns` characters: [line number or 0 for a continuation, text]. */
export function policySegments(body: string, columns: number): [number, string][] {
  const out: [number, string][] = [];
  body.split('\n').forEach((raw, i) => {
    // The CR of a CRLF is the line end, stated once above the listing; any other CR stays visible.
    const line = pdfSafe(raw.endsWith('\r') ? raw.slice(0, -1) : raw, false);
    if (line.length === 0) out.push([i + 1, '']);
    for (let at = 0; at < line.length; at += columns) out.push([at === 0 ? i + 1 : 0, line.slice(at, at + columns)]);
  });
  // A final line end leaves an empty last piece that is not a line of the file.
  if (body.endsWith('\n')) out.pop();
  return out;
}

export function drawPolicyText(pdf: ReportPdf, body: string, sha256: string | undefined): void {
  const { doc } = pdf;
  pdf.font('mono', SIZE.mono);
  const charWidth = doc.widthOfString('M');
  const columns = Math.floor((pdf.width - GUTTER - 8) / charWidth);
  const lineHeight = SIZE.mono + 2.2;
  pdf.font('regular', SIZE.small, COLOUR.muted).text(`SHA-256 ${sha256 ?? 'not recorded'}  ·  ${Buffer.byteLength(body, 'utf8')} bytes  ·  line ends: ${lineEnds(body)}`);
  doc.y += 3;
  const segments = policySegments(body, columns);
  for (const [n, text] of segments.slice(0, MAX_PRINTED_LINES)) {
    if (doc.y + lineHeight > pdf.bottom) pdf.newPage();
    const y = doc.y;
    doc.rect(pdf.left, y, pdf.width, lineHeight).fill(COLOUR.zebra);
    pdf.font('mono', SIZE.mono, COLOUR.muted);
    doc.text(n === 0 ? '»' : String(n), pdf.left, y + 1.2, { width: GUTTER - 6, align: 'right', lineBreak: false });
    pdf.font('mono', SIZE.mono, COLOUR.text);
    doc.text(text, pdf.left + GUTTER, y + 1.2, { width: pdf.width - GUTTER, lineBreak: false });
    doc.y = y + lineHeight;
  }
  if (segments.length > MAX_PRINTED_LINES) {
    pdf.paragraph(`… ${segments.length - MAX_PRINTED_LINES} more printed line(s) not shown; the full body is in evidence.json.`, { size: SIZE.small, colour: COLOUR.muted, role: 'italic' });
  }
  doc.x = pdf.left;
  doc.y += 6;
}
