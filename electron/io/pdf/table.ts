/**
 * A table that streams rows onto pages: each row is measured, moved whole to the next page when it does not
 * fit, and the header is repeated at the top of every page the table continues on. A cell can never make a
 * row taller than a page: over-long text is cut, with a note, until the row fits. Long tokens wrap at
 * separators, never mid-word (text.ts). Tagged as Table, TR, TH and TD; a cell may link to a named destination.
 */
import { COLOUR, SIZE, type FontRole, type ReportPdf } from './document';
import { clip } from './text';

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
  /** Named destination per cell: the cell's text links there (goTo). */
  links?: (string | undefined)[];
  /** A named destination at the row, so that links elsewhere can point to it. */
  anchor?: string;
}

const PAD = 3;
const MAX_CELL_CHARS = 3000;

export class PdfTable {
  private headerOnPage = -1;
  private rowIndex = 0;
  private headerHeight_: number | undefined;
  private readonly widths: number[];
  private readonly element: PDFKit.PDFStructureElement;

  constructor(private readonly pdf: ReportPdf, private readonly columns: PdfColumn[], private readonly size = SIZE.table) {
    this.widths = columns.map((c) => c.share * pdf.width);
    this.element = pdf.group('Table');
  }

  row(row: PdfRow): void {
    const { texts, heights } = this.fit(row);
    const height = this.rowHeight(heights, row);
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
    this.element.end();
    this.pdf.doc.y += 8;
    this.pdf.doc.x = this.pdf.left;
  }

  private role(row: PdfRow, i: number): FontRole {
    return row.roles?.[i] ?? this.columns[i]?.role ?? 'regular';
  }

  private cellHeight(text: string, role: FontRole, i: number): number {
    this.pdf.font(role, this.size);
    return this.pdf.heightOf(text, this.widths[i]! - 2 * PAD) + 2 * PAD;
  }

  /**
   * The row's height from its cells' heights as fit() measured them. The font is still selected per cell as
   * when each cell was measured again here: selecting it writes its colour into the page's content, and the
   * file stays byte for byte what it was before the measurement was reused.
   */
  private rowHeight(heights: number[], row: PdfRow): number {
    heights.forEach((_, i) => this.pdf.font(this.role(row, i), this.size));
    return Math.max(this.size + 2 * PAD + 2, ...heights);
  }

  /** Drawable cell texts, cut until the row fits on one page under the header, and their heights. */
  private fit(row: PdfRow): { texts: string[]; heights: number[] } {
    const max = this.pdf.pageHeight - this.headerHeight() - 4;
    const heights: number[] = [];
    const texts = this.columns.map((_, i) => {
      const raw = row.cells[i] ?? '';
      const role = this.role(row, i);
      const safe = (keep: number) => this.pdf.font(role, this.size).fitTokens(clip(raw, keep), this.widths[i]! - 2 * PAD);
      let keep = Math.min(raw.length, MAX_CELL_CHARS);
      let text = safe(keep);
      let h = this.cellHeight(text, role, i);
      for (; h > max && keep > 20; h = this.cellHeight(text, role, i)) {
        keep = Math.floor(keep * (max / h) * 0.9);
        text = safe(keep);
      }
      heights.push(h);
      return text;
    });
    return { texts, heights };
  }

  /** The header's height: the same for every row of the table, so measured once (the font is still selected). */
  private headerHeight(): number {
    this.pdf.font('bold', this.size);
    this.headerHeight_ ??= Math.max(...this.columns.map((c, i) => this.pdf.heightOf(c.header, this.widths[i]! - 2 * PAD))) + 2 * PAD;
    return this.headerHeight_;
  }

  private drawHeader(): void {
    const { doc } = this.pdf;
    const h = this.headerHeight();
    const y = doc.y;
    this.pdf.artifact(() => doc.rect(this.pdf.left, y, this.pdf.width, h).fill(COLOUR.headerFill));
    let x = this.pdf.left;
    // Repeated headers are page furniture; the first one is the table's header row.
    const first = this.headerOnPage < 0;
    const tr = first ? this.pdf.group('TR', this.element) : undefined;
    this.columns.forEach((c, i) => {
      this.pdf.font('bold', this.size);
      const draw = () => this.pdf.draw(c.header, x + PAD, y + PAD, { width: this.widths[i]! - 2 * PAD, align: c.align ?? 'left', height: h });
      if (tr) this.pdf.tagged('TH', draw, tr);
      else this.pdf.artifact(draw);
      x += this.widths[i]!;
    });
    tr?.end();
    doc.y = y + h;
    this.headerOnPage = this.pdf.pageNumber;
    this.rowIndex = 0;
  }

  private drawRow(texts: string[], row: PdfRow, h: number): void {
    const { doc } = this.pdf;
    const y = doc.y;
    if (row.anchor) this.pdf.anchor(row.anchor);
    const zebra = this.rowIndex++ % 2 === 1;
    this.pdf.artifact(() => {
      if (zebra) doc.rect(this.pdf.left, y, this.pdf.width, h).fill(COLOUR.zebra);
      let fx = this.pdf.left;
      texts.forEach((_, i) => {
        const fill = row.fills?.[i];
        if (fill) doc.rect(fx, y, this.widths[i]!, h).fill(`#${fill}`);
        fx += this.widths[i]!;
      });
      doc.moveTo(this.pdf.left, y + h).lineTo(this.pdf.left + this.pdf.width, y + h).lineWidth(0.3).strokeColor(COLOUR.rule).stroke();
    });
    const tr = this.pdf.group('TR', this.element);
    let x = this.pdf.left;
    texts.forEach((t, i) => {
      const w = this.widths[i]!;
      const link = row.links?.[i];
      this.pdf.font(this.role(row, i), this.size, link ? COLOUR.link : COLOUR.text);
      // `height` stops pdfkit from flowing a cell onto a new page on its own.
      this.pdf.tagged('TD', () => this.pdf.draw(t, x + PAD, y + PAD, { width: w - 2 * PAD, align: this.columns[i]?.align ?? 'left', height: h, safe: true, ...(link ? { goTo: link } : {}) }), tr);
      x += w;
    });
    tr.end();
    doc.y = y + h;
    doc.x = this.pdf.left;
  }
}
