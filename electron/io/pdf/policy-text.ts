/**
 * A policy file as evidence: monospace, one numbered line per policy line, long lines wrapped at a fixed column
 * (continuations marked in the gutter), the line-end style stated, invisible characters made visible (a lone
 * CR or, in a file with mixed line ends, the CR of each CRLF as ‹CR›; a byte order mark as ‹BOM›; other controls
 * as ‹U+XXXX›), and the lines a finding names (Finding.line) marked, with the finding under them. Very long
 * bodies are cut after a number of printed lines; the rest is in evidence.json.
 */
import { COLOUR, SIZE, type ReportPdf } from './document';
import { pdfSafe } from './text';

const MAX_PRINTED_LINES = 400;
const GUTTER = 30;

function lineEnds(body: string): { label: string; mixed: boolean } {
  const crlf = (body.match(/\r\n/g) ?? []).length;
  const lf = (body.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0) return { label: 'none (one line)', mixed: false };
  if (crlf === 0) return { label: 'LF', mixed: false };
  return lf === 0 ? { label: 'CRLF', mixed: false } : { label: `mixed (${crlf} CRLF, ${lf} LF)`, mixed: true };
}

/**
 * Policy lines split into printable segments of `columns` characters: [line number or 0 for a continuation,
 * text]. The CR of a CRLF is the line end, stated once above the listing, unless `showCrlf` (mixed line ends).
 */
export function policySegments(body: string, columns: number, showCrlf = false): [number, string][] {
  const out: [number, string][] = [];
  body.split('\n').forEach((raw, i) => {
    const line = pdfSafe(raw.endsWith('\r') && !showCrlf ? raw.slice(0, -1) : raw, false);
    if (line.length === 0) out.push([i + 1, '']);
    // Cut between code points, never inside a placeholder's surrogate pair.
    const chars = [...line];
    for (let at = 0; at < chars.length; at += columns) out.push([at === 0 ? i + 1 : 0, chars.slice(at, at + columns).join('')]);
  });
  // A final line end leaves an empty last piece that is not a line of the file.
  if (body.endsWith('\n')) out.pop();
  return out;
}

/** `marks`: policy line number → what is wrong with it (plain finding titles). */
export function drawPolicyText(pdf: ReportPdf, body: string, sha256: string | undefined, marks: Map<number, string[]> = new Map()): void {
  const { doc } = pdf;
  pdf.font('mono', SIZE.mono);
  const charWidth = doc.widthOfString('M');
  const columns = Math.floor((pdf.width - GUTTER - 8) / charWidth);
  const lineHeight = SIZE.mono + 2.2;
  const ends = lineEnds(body);
  pdf.paragraph(`SHA-256 ${sha256 ?? 'not recorded'}  ·  ${Buffer.byteLength(body, 'utf8')} bytes  ·  line ends: ${ends.label}`, { size: SIZE.small, colour: COLOUR.muted, gap: 2 });
  if (marks.size > 0) pdf.paragraph(`Lines with a problem are marked in red (${[...marks.keys()].sort((a, b) => a - b).map((n) => `line ${n}`).join(', ')}).`, { size: SIZE.small, colour: COLOUR.muted, gap: 3 });
  const segments = policySegments(body, columns, ends.mixed);
  const listing = pdf.group('Code');
  segments.slice(0, MAX_PRINTED_LINES).forEach(([n, text], i) => {
    const marked = marks.has(n) || (n === 0 && marks.has(lineOf(segments, i)));
    if (doc.y + lineHeight > pdf.bottom) pdf.newPage();
    const y = doc.y;
    pdf.artifact(() => {
      doc.rect(pdf.left, y, pdf.width, lineHeight).fill(marked ? COLOUR.mark : COLOUR.zebra);
      if (marked) doc.rect(pdf.left, y, 2.5, lineHeight).fill('#C62828');
      pdf.font(marked ? 'mono-bold' : 'mono', SIZE.mono, marked ? '#C62828' : COLOUR.muted);
      pdf.draw(n === 0 ? '»' : String(n), pdf.left, y + 1.2, { width: GUTTER - 6, align: 'right', lineBreak: false });
    });
    pdf.font('mono', SIZE.mono, COLOUR.text);
    pdf.tagged('P', () => pdf.draw(text, pdf.left + GUTTER, y + 1.2, { width: pdf.width - GUTTER, lineBreak: false, safe: true }), listing);
    doc.y = y + lineHeight;
    // The problem right under the line (after its last continuation).
    const next = segments[i + 1];
    const notes = n !== 0 || marked ? marks.get(n || lineOf(segments, i)) : undefined;
    if (notes && (!next || next[0] !== 0)) {
      pdf.font('italic', SIZE.small - 0.5, '#C62828');
      for (const note of notes) {
        const h = pdf.heightOf(`▲ ${note}`, pdf.width - GUTTER) + 1;
        if (doc.y + h > pdf.bottom) pdf.newPage();
        const ny = doc.y;
        pdf.tagged('P', () => pdf.draw(`▲ ${note}`, pdf.left + GUTTER, ny + 1, { width: pdf.width - GUTTER }), listing);
        doc.y = ny + h + 1;
      }
    }
  });
  listing.end();
  if (segments.length > MAX_PRINTED_LINES) {
    pdf.paragraph(`… ${segments.length - MAX_PRINTED_LINES} more printed line(s) not shown; the full body is in evidence.json.`, { size: SIZE.small, colour: COLOUR.muted, role: 'italic' });
  }
  doc.x = pdf.left;
  doc.y += 6;
}

/** The policy line a (continuation) segment belongs to. */
function lineOf(segments: [number, string][], i: number): number {
  for (let j = i; j >= 0; j--) if (segments[j]![0] !== 0) return segments[j]![0];
  return 0;
}
