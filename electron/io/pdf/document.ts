/**
 * The evidence pack's page frame and typography: A4 pages streamed to the file as they fill (no page
 * buffering, so a thousand-domain pack stays in bounded memory), a footer with the run id and page number
 * drawn on every page as it is created, and a few drawing helpers that route every string through pdfSafe.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { clip, pdfSafe } from './text';

/** Longest value a key/value row prints; it must stay shorter than a page (SAN lists can be long). */
const MAX_VALUE_CHARS = 4000;
/** Longest heading, e.g. a domain heading made from a raw input cell. */
const MAX_HEADING_CHARS = 300;

export type FontRole = 'regular' | 'bold' | 'italic' | 'mono' | 'mono-bold';

const FONT: Record<FontRole, string> = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  mono: 'Courier',
  'mono-bold': 'Courier-Bold',
};

export const COLOUR = {
  text: '#1F2933',
  muted: '#616E7C',
  rule: '#CBD2D9',
  accent: '#1F4E79',
  headerFill: '#E4E7EB',
  zebra: '#F5F7FA',
  white: '#FFFFFF',
};

export const SIZE = { body: 9.5, small: 8, table: 8, mono: 7.5, h1: 18, h2: 13, h3: 10.5 };

const MARGINS = { top: 56, bottom: 58, left: 50, right: 50 };

export interface PdfMeta {
  title: string;
  author?: string;
  subject: string;
  /** Left part of the footer, e.g. "Run 42 · Q1 review · Example plc". */
  footer: string;
}

export class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly out: fs.WriteStream;
  private page = 0;
  private role: FontRole = 'regular';
  private size = SIZE.body;
  private colour = COLOUR.text;
  /** A write error (bad path, disk full) kept until the drawing code next asks: see newPage and finish. */
  private failure: Error | undefined;

  constructor(path: string, private readonly meta: PdfMeta) {
    this.doc = new PDFDocument({
      size: 'A4', margins: MARGINS, autoFirstPage: false, bufferPages: false,
      info: { Title: meta.title, Author: meta.author ?? '', Subject: meta.subject, Creator: 'MTA-STS Auditor' },
    });
    this.out = fs.createWriteStream(path);
    // Without a listener an 'error' here would be an uncaught exception in the app's main process.
    this.out.on('error', (err) => {
      this.failure ??= err;
    });
    this.doc.pipe(this.out);
    // Also fires when pdfkit flows text onto a new page by itself.
    this.doc.on('pageAdded', () => this.drawFooter());
  }

  get left(): number { return MARGINS.left; }
  get width(): number { return this.doc.page.width - MARGINS.left - MARGINS.right; }
  get bottom(): number { return this.doc.page.height - MARGINS.bottom; }
  get top(): number { return MARGINS.top; }
  get pageNumber(): number { return this.page; }

  /** Usable height of a whole page: the most any single block may take. */
  get pageHeight(): number { return this.bottom - this.top; }

  font(role: FontRole, size: number, colour = COLOUR.text): this {
    this.role = role;
    this.size = size;
    this.colour = colour;
    this.doc.font(FONT[role]).fontSize(size).fillColor(colour);
    return this;
  }

  newPage(): void {
    if (this.failure) throw this.failure;
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.page === 0 || this.doc.y + height > this.bottom) this.newPage();
  }

  /** Flowing text across the content width (or `width`), wrapping onto new pages as needed. */
  text(s: string, opts: PDFKit.Mixins.TextOptions & { x?: number } = {}): void {
    const { x, ...rest } = opts;
    this.doc.text(pdfSafe(s), x ?? this.left, this.doc.y, { width: this.width - ((x ?? this.left) - this.left), ...rest });
  }

  heightOf(s: string, width: number): number {
    return this.doc.heightOfString(pdfSafe(s), { width });
  }

  heading(s: string, level: 1 | 2 | 3): void {
    const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
    this.ensureSpace(size * 3.5);
    if (this.doc.y > this.top + 1) this.doc.y += level === 1 ? 6 : 8;
    this.font('bold', size, level === 3 ? COLOUR.text : COLOUR.accent).text(clip(s, MAX_HEADING_CHARS));
    if (level < 3) {
      const y = this.doc.y + 2;
      this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(level === 1 ? 1.2 : 0.6).strokeColor(level === 1 ? COLOUR.accent : COLOUR.rule).stroke();
      this.doc.y = y + 6;
    } else {
      this.doc.y += 3;
    }
    this.font('regular', SIZE.body);
  }

  paragraph(s: string, opts: { size?: number; colour?: string; role?: FontRole; gap?: number } = {}): void {
    this.font(opts.role ?? 'regular', opts.size ?? SIZE.body, opts.colour ?? COLOUR.text).text(s, { lineGap: 1.5 });
    this.doc.y += opts.gap ?? 5;
  }

  /** A bold label run into regular text on the same line, e.g. "Remediation: …". */
  labelled(label: string, s: string, size = SIZE.body): void {
    this.font('bold', size).doc.text(`${pdfSafe(label)}: `, this.left, this.doc.y, { width: this.width, continued: true, lineGap: 1.5 });
    this.font('regular', size).doc.text(pdfSafe(s), { lineGap: 1.5 });
    this.doc.y += 5;
  }

  /** Label/value pairs in two columns; values wrap within their column. */
  keyValues(rows: [string, string][], labelWidth = 150, size = SIZE.body): void {
    for (const [label, raw] of rows) {
      const value = clip(raw, MAX_VALUE_CHARS);
      this.font('regular', size);
      const h = Math.max(this.heightOf(value || '—', this.width - labelWidth), this.heightOf(label, labelWidth - 8));
      this.ensureSpace(h + 3);
      const y = this.doc.y;
      this.font('bold', size, COLOUR.muted).doc.text(pdfSafe(label), this.left, y, { width: labelWidth - 8 });
      this.font('regular', size).doc.text(pdfSafe(value || '—'), this.left + labelWidth, y, { width: this.width - labelWidth });
      this.doc.y = y + h + 3;
    }
    this.doc.x = this.left;
  }

  /** Adds a bookmark to the current page in the viewer's outline (titles are PDF text strings, not drawn glyphs). */
  bookmark(title: string, parent?: PDFKit.PDFOutline): PDFKit.PDFOutline {
    return (parent ?? this.doc.outline).addItem(pdfSafe(clip(title, 120), false));
  }

  /** A top-level section: new page, bookmark, title. */
  section(title: string): void {
    this.newPage();
    this.bookmark(title);
    this.heading(title, 1);
  }

  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    // once() rejects if the stream fails from here on.
    const done = once(this.out, 'finish');
    this.doc.end();
    await done;
  }

  private drawFooter(): void {
    this.page++;
    const { doc } = this;
    const saved = { x: doc.x, y: doc.y, role: this.role, size: this.size, colour: this.colour };
    // Text below the bottom margin would make pdfkit start yet another page: lift the margin while drawing.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGINS.bottom + 18;
    doc.moveTo(this.left, y - 6).lineTo(this.left + this.width, y - 6).lineWidth(0.5).strokeColor(COLOUR.rule).stroke();
    this.font('regular', SIZE.small - 0.5, COLOUR.muted);
    doc.text(pdfSafe(this.meta.footer, false), this.left, y, { width: this.width - 70, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(`Page ${this.page}`, this.left + this.width - 70, y, { width: 70, align: 'right', lineBreak: false });
    doc.page.margins.bottom = MARGINS.bottom;
    this.font(saved.role, saved.size, saved.colour);
    doc.x = saved.x;
    doc.y = saved.y;
  }
}
