/**
 * The contents page: each section with its page number and a link to it. The numbers are only known once the
 * pack is drawn, so they are deferred (ReportPdf.later) and filled in when the file is finished.
 */
import { COLOUR, SIZE, type ReportPdf } from './document';

export interface ContentsEntry {
  title: string;
  anchor: string;
  note?: string;
}

export function drawContents(pdf: ReportPdf, entries: ContentsEntry[]): void {
  pdf.section('Contents', 'contents');
  const toc = pdf.group('TOC');
  for (const e of entries) {
    const y = pdf.doc.y;
    const item = pdf.group('TOCI', toc);
    pdf.font('regular', SIZE.body + 1, COLOUR.link);
    pdf.tagged('Reference', () => pdf.draw(e.title, pdf.left, y, { width: pdf.width - 60, lineBreak: false, goTo: e.anchor }), item);
    if (e.note) {
      pdf.font('regular', SIZE.small, COLOUR.muted);
      pdf.tagged('P', () => pdf.draw(e.note!, pdf.left + 12, y + 14, { width: pdf.width - 72, lineBreak: false }), item);
    }
    item.end();
    pdf.font('regular', SIZE.body + 1, COLOUR.text);
    pdf.artifact(() => pdf.later(`page:${e.anchor}`, pdf.left + pdf.width - 50, y, 50, 'right'));
    pdf.doc.y = y + (e.note ? 30 : 20);
  }
  toc.end();
}
