/**
 * Horizontal bar charts drawn as vector graphics (no images, no fonts beyond the report's): one bar per
 * category with its count (and share) printed beside it, on a light grid with round tick values.
 */
import { COLOUR, SIZE, type ReportPdf } from './document';

export interface Bar {
  label: string;
  value: number;
  /** Hex RGB without '#'. */
  colour: string;
  /** Printed after the value, e.g. "(34.5%)". */
  note?: string;
}

const BAR = 13;
const GAP = 6;
const LABEL_WIDTH = 96;
const VALUE_WIDTH = 92;

/** A step of 1, 2 or 5 × 10^n giving at most five intervals up to `max`. */
export function tickStep(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
}

export function barChart(pdf: ReportPdf, title: string, bars: Bar[]): void {
  const height = 16 + bars.length * (BAR + GAP) + 14;
  pdf.ensureSpace(height + 6);
  const { doc } = pdf;
  const top = doc.y;
  pdf.font('bold', SIZE.h3);
  pdf.tagged('H3', () => pdf.draw(title, pdf.left, top, { width: pdf.width }));
  const x0 = pdf.left + LABEL_WIDTH;
  const span = pdf.width - LABEL_WIDTH - VALUE_WIDTH;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = tickStep(max);
  const scaleMax = Math.ceil(max / step) * step;
  const y0 = top + 16;
  const yEnd = y0 + bars.length * (BAR + GAP);
  for (let t = 0; t <= scaleMax; t += step) {
    const x = x0 + (t / scaleMax) * span;
    pdf.artifact(() => {
      doc.moveTo(x, y0 - 2).lineTo(x, yEnd).lineWidth(0.4).strokeColor(COLOUR.rule).stroke();
      pdf.font('regular', SIZE.small - 1, COLOUR.muted).draw(String(t), x - 20, yEnd + 2, { width: 40, align: 'center', lineBreak: false });
    });
  }
  bars.forEach((b, i) => {
    const y = y0 + i * (BAR + GAP);
    const w = (b.value / scaleMax) * span;
    const label = b.note ? `${b.value}  ${b.note}` : String(b.value);
    // One paragraph per bar, read as "Protected 12 (28.6%)"; the bar itself is decoration.
    pdf.tagged('P', () => {
      pdf.font('regular', SIZE.small + 0.5).draw(b.label, pdf.left, y + 3, { width: LABEL_WIDTH - 6, align: 'right', lineBreak: false });
      pdf.font('bold', SIZE.small + 0.5).draw(label, x0 + w + 5, y + 3, { width: VALUE_WIDTH + span - w - 5, lineBreak: false });
    });
    if (w > 0) pdf.artifact(() => doc.rect(x0, y, Math.max(w, 1.5), BAR).fill(`#${b.colour}`));
  });
  pdf.artifact(() => doc.moveTo(x0, y0 - 2).lineTo(x0, yEnd).lineWidth(0.8).strokeColor(COLOUR.muted).stroke());
  doc.x = pdf.left;
  doc.y = yEnd + 18;
  pdf.font('regular', SIZE.body);
}
