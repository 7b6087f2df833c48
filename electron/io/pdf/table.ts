/**
 * A table that streams rows onto pages: each row is measured, moved whole to the next page when it does not
 * fit, and the header is repeated at the top of every page the table continues on. A cell can never make a
 * row taller than a page: over-long text is cut, with a note, until the row fits.
 */
import { COLOUR, SIZE, type FontRole, type ReportPdf } from './document';
import { clip, pdfSafe } from './text';

export interface PdfColumn {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  share: number;
  role?: FontRole;
  align?: 'left' | 'right' | 'center';
}

export interface PdfRow {
  cells: string[];
  /** Background per cell (hex), e.g. a severity colour. */
  fills?: (string | undefined)[];
  roles?: (FontRole | undefined)[];
}

const PAD = 3;
const MAX_CELL_CHARS = 3000;

export class PdfTable {
  private headerOnPage = -1;
  private rowIndex = 0;
  private readonly widths: number[];

  constructor(private readonly pdf: ReportPdf, private readonly columns: PdfColumn[], private readonly size = SIZE.table) {
    this.widths = columns.map((c) => c.share * pdf.width);
  }

  row(row: PdfRow): void {
    const texts = this.fit(row);
    const height = this.rowHeight(texts, row);
    const { doc } = this.pdf;
    const needHeader = this.headerOnPage !== this.pdf.pageNumber;
    if (doc.y + height + (needHeader ? this.headerHeight() : 0) > this.pdf.bottom) {
      this.pdf.newPage();
      this.drawHeader();
    } else if (needHeader) {
      this.drawHeader();
    }
    this.drawRow(texts, row, height);
  }

  /** Ends the table with a little space below it. */
  end(): void {
    this.pdf.doc.y += 8;
    this.pdf.doc.x = this.pdf.left;
  }

  private role(row: PdfRow, i: number): FontRole {
    return row.roles?.[i] ?? this.columns[i]?.role ?? 'regular';
  }

  private cellHeight(text: string, role: FontRole, i: number): number {
    this.pdf.font(role, this.size);
    return this.pdf.doc.heightOfString(text, { width: this.widths[i]! - 2 * PAD }) + 2 * PAD;
  }

  private rowHeight(texts: string[], row: PdfRow): number {
    return Math.max(this.size + 2 * PAD + 2, ...texts.map((t, i) => this.cellHeight(t, this.role(row, i), i)));
  }

  /** Drawable cell texts, cut until the row fits on one page under the header. */
  private fit(row: PdfRow): string[] {
    const max = this.pdf.pageHeight - this.headerHeight() - 4;
    return this.columns.map((_, i) => {
      const raw = row.cells[i] ?? '';
      let keep = Math.min(raw.length, MAX_CELL_CHARS);
      let text = pdfSafe(clip(raw, keep));
      for (let h = this.cellHeight(text, this.role(row, i), i); h > max && keep > 20; h = this.cellHeight(text, this.role(row, i), i)) {
        keep = Math.floor(keep * (max / h) * 0.9);
        text = pdfSafe(clip(raw, keep));
      }
      return text;
    });
  }

  private headerHeight(): number {
    this.pdf.font('bold', this.size);
    return Math.max(...this.columns.map((c, i) => this.pdf.doc.heightOfString(c.header, { width: this.widths[i]! - 2 * PAD }))) + 2 * PAD;
  }

  private drawHeader(): void {
    const { doc } = this.pdf;
    const h = this.headerHeight();
    const y = doc.y;
    doc.rect(this.pdf.left, y, this.pdf.width, h).fill(COLOUR.headerFill);
    let x = this.pdf.left;
    this.columns.forEach((c, i) => {
      this.pdf.font('bold', this.size);
      doc.text(pdfSafe(c.header), x + PAD, y + PAD, { width: this.widths[i]! - 2 * PAD, align: c.align ?? 'left', height: h });
      x += this.widths[i]!;
    });
    doc.y = y + h;
    this.headerOnPage = this.pdf.pageNumber;
    this.rowIndex = 0;
  }

  private drawRow(texts: string[], row: PdfRow, h: number): void {
    const { doc } = this.pdf;
    const y = doc.y;
    if (this.rowIndex++ % 2 === 1) doc.rect(this.pdf.left, y, this.pdf.width, h).fill(COLOUR.zebra);
    let x = this.pdf.left;
    texts.forEach((t, i) => {
      const w = this.widths[i]!;
      const fill = row.fills?.[i];
      if (fill) doc.rect(x, y, w, h).fill(`#${fill}`);
      this.pdf.font(this.role(row, i), this.size);
      // `height` stops pdfkit from flowing a cell onto a new page on its own.
      doc.text(t, x + PAD, y + PAD, { width: w - 2 * PAD, align: this.columns[i]?.align ?? 'left', height: h });
      x += w;
    });
    doc.moveTo(this.pdf.left, y + h).lineTo(this.pdf.left + this.pdf.width, y + h).lineWidth(0.3).strokeColor(COLOUR.rule).stroke();
    doc.y = y + h;
    doc.x = this.pdf.left;
  }
}
