/**
 * The evidence pack's page frame and typography: A4 pages streamed to the file as they fill (no page
 * buffering, so a large pack stays in bounded memory), a footer "Page N of M" on every page, embedded fonts with
 * per-character fallback (fonts.ts), a tagged structure (headings, paragraphs, tables) and named destinations
 * for internal links. Every string is drawn through pdfSafe.
 *
 * Numbers only known at the end (the page total, the pages of the contents entries) are drawn as form
 * XObjects: each page paints a reference, and the XObject's content is written once the last page is done.
 * So the pack is drawn in one pass however large it is.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { FACES, fontBytes, runs, type Face, type FontRole } from './fonts';
import { installWordCaches, withoutKeeping } from './layout-cache';
import { forgetWrittenStructure } from './written-structure';
import { gatherOutput, type OutputChunks } from './output-chunks';
import { breakLongTokens, clip, pdfSafe } from './text';

export type { FontRole } from './fonts';

/** Output drawn but not yet written to the file that drained() lets pass (the file stream's own buffer is 16 KB). */
const MAX_UNWRITTEN_BYTES = 1 << 20;
/** Longest value a key/value row prints; it must stay shorter than a page (SAN lists can be long). */
const MAX_VALUE_CHARS = 4000;
/** Longest heading, e.g. a domain heading made from a raw input cell. */
const MAX_HEADING_CHARS = 300;
/** Laid-out words each face keeps across pages (layout-cache.ts), per generation: see docs/DECISIONS.md. */
export const WORD_CACHE_LIMIT = 500;

export const COLOUR = {
  text: '#1F2933',
  muted: '#616E7C',
  rule: '#CBD2D9',
  accent: '#1F4E79',
  link: '#1F4E79',
  headerFill: '#E4E7EB',
  zebra: '#F5F7FA',
  mark: '#FDE2E1',
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
  /** Writes a PDF/A-2b file (XMP identification, sRGB output intent); the fonts are embedded either way. */
  pdfa?: boolean;
}

export interface DrawOptions extends PDFKit.Mixins.TextOptions {
  /** Already made safe (pdfSafe) by the caller. */
  safe?: boolean;
}

/** A number drawn before it is known: see the module comment. */
interface Deferred {
  ref: PDFKit.PDFKitReference;
  key: string;
  face: Face;
  fontId: string;
  size: number;
  width: number;
  height: number;
  align: 'left' | 'right';
  colour: string;
}

type Struct = PDFKit.PDFStructureElement;

const RTL_FEATURES = { rlig: false, liga: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

export class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly out: fs.WriteStream;
  private readonly output: OutputChunks;
  private page = 0;
  private role: FontRole = 'regular';
  private size = SIZE.body;
  private colour = COLOUR.text;
  /** A write error (bad path, disk full) kept until the drawing code next asks: see newPage and finish. */
  private failure: Error | undefined;
  private readonly deferred: Deferred[] = [];
  private readonly resolved = new Map<string, string>();
  /** Named destination → page number. */
  private readonly anchors = new Map<string, number>();
  private readonly root: Struct;
  /** The structure element new content goes into (a section; the document root before the first). */
  private parent: Struct;
  private section_: Struct | undefined;

  constructor(path: string, private readonly meta: PdfMeta) {
    this.doc = new PDFDocument({
      size: 'A4', margins: MARGINS, autoFirstPage: false, bufferPages: false, font: null,
      pdfVersion: '1.7', tagged: true, lang: 'en', displayTitle: true, ...(meta.pdfa ? { subset: 'PDF/A-2b' as const } : {}),
      info: { Title: meta.title, Author: meta.author ?? '', Subject: meta.subject, Creator: 'MTA-STS Auditor' },
    } as unknown as PDFKit.PDFDocumentOptions);
    this.out = fs.createWriteStream(path);
    // Without a listener an 'error' here would be an uncaught exception in the app's backend process.
    this.out.on('error', (err) => {
      this.failure ??= err;
    });
    this.output = gatherOutput(this.doc);
    this.doc.pipe(this.out);
    installWordCaches(this.doc, WORD_CACHE_LIMIT);
    const bytes = fontBytes();
    for (const face of FACES) this.doc.registerFont(face, bytes.get(face)!);
    this.doc.font('regular');
    this.root = this.doc.struct('Document');
    forgetWrittenStructure(this.root);
    this.doc.addStructure(this.root);
    this.parent = this.root;
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
    this.doc.font(role).fontSize(size).fillColor(colour);
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

  // ------------------------------------------------------------------------------------------------ text

  /**
   * Draws text in the current role, size and colour: at (x, y) when given, else where the last text left off
   * (continued text). Characters the role's face lacks are drawn in the fallback face; right-to-left runs are
   * shaped as a whole, so they read right to left and copy (pdftotext) in their logical order.
   */
  draw(s: string, x: number | undefined, y: number | undefined, opts: DrawOptions = {}): void {
    const { safe, ...options } = opts;
    const text = safe ? s : pdfSafe(s, options.lineBreak !== false);
    const pieces = runs(text, this.role);
    const { doc } = this;
    if (pieces.length <= 1 && !pieces[0]?.rtl && (pieces[0]?.face ?? this.role) === this.role) {
      if (x === undefined) doc.text(text, options);
      else doc.text(text, x, y, options);
      return;
    }
    pieces.forEach((p, i) => {
      doc.font(p.face);
      const continued = i < pieces.length - 1 || options.continued === true;
      // pdfkit lays text out word by word unless features are given, which would put the words of a
      // right-to-left phrase in left-to-right order; with features the run is shaped and reversed as a whole.
      // Ligatures stay off: poppler (pdftotext) reverses a ligature's characters when it reorders RTL text
      // (lam-alef "لا" would be copied as "ال"); the letters still join, in their contextual forms.
      const o = p.rtl ? { ...options, continued, features: RTL_FEATURES } : { ...options, continued };
      if (i === 0 && x !== undefined) doc.text(p.text, x, y, o);
      else doc.text(p.text, o);
    });
    doc.font(this.role);
  }

  /** Width of one line of text in the current role and size (fallback characters measured as wide glyphs). */
  widthOf(s: string): number {
    return this.doc.widthOfString(forMeasure(pdfSafe(s, false), this.role));
  }

  /** Height of text wrapped at `width` in the current role and size. */
  heightOf(s: string, width: number, opts: PDFKit.Mixins.TextOptions = {}): number {
    return this.doc.heightOfString(forMeasure(pdfSafe(s), this.role), { width, ...opts });
  }

  /** Text with tokens too wide for `width` broken at sensible points (fonts.ts measures). */
  fitTokens(s: string, width: number): string {
    // An em of slack: pdfkit measures a line's closing line feed with the font's missing-glyph width, so a piece
    // that nearly fills the line would wrap once more and leave an empty line after it.
    const measure = (t: string) => this.doc.widthOfString(forMeasure(t, this.role));
    return breakLongTokens(pdfSafe(s), width - this.size, measure, (t) => withoutKeeping(this.doc, () => measure(t)));
  }

  /** Flowing text across the content width (or from `x`), wrapping onto new pages as needed. */
  text(s: string, opts: DrawOptions & { x?: number } = {}): void {
    const { x, ...rest } = opts;
    const width = this.width - ((x ?? this.left) - this.left);
    this.draw(rest.safe ? s : this.fitTokens(s, width), x ?? this.left, this.doc.y, { width, ...rest, safe: true });
  }

  // ------------------------------------------------------------------------------------------- structure

  /** Runs `draw` as the content of a new structure element of `type` (H1, P, …) in the current section. */
  tagged(type: string, draw: () => void, parent: Struct = this.parent): void {
    const element = this.doc.struct(type);
    parent.add(element);
    const content = this.doc.markStructureContent(type);
    element.add(content);
    draw();
    this.doc.endMarkedContent();
    element.end();
  }

  /** A grouping element (Table, TR, L…) under the current section; the caller ends it. */
  group(type: string, parent: Struct = this.parent): Struct {
    const element = this.doc.struct(type);
    parent.add(element);
    return element;
  }

  /**
   * Content drawn by `draw` goes into a structure element of its own (a domain's Sect), ended right after:
   * pdfkit writes an ended element's subtree out and lets go of it, so a large pack keeps flat memory.
   */
  part(type: string, draw: () => void): void {
    const outer = this.parent;
    const element = this.group(type, outer);
    this.parent = element;
    try {
      draw();
    } finally {
      this.parent = outer;
      element.end();
    }
  }

  /** Decoration (fills, rules, badges' backgrounds) marked as an artifact, outside the structure. */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    draw();
    this.doc.endMarkedContent();
  }

  heading(s: string, level: 1 | 2 | 3, opts: { anchor?: string } = {}): void {
    const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
    this.ensureSpace(size * 3.5);
    if (this.doc.y > this.top + 1) this.doc.y += level === 1 ? 6 : 8;
    if (opts.anchor) this.anchor(opts.anchor);
    this.font('bold', size, level === 3 ? COLOUR.text : COLOUR.accent);
    this.tagged(`H${level}`, () => this.text(clip(s, MAX_HEADING_CHARS)));
    if (level < 3) {
      const y = this.doc.y + 2;
      this.artifact(() => this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(level === 1 ? 1.2 : 0.6).strokeColor(level === 1 ? COLOUR.accent : COLOUR.rule).stroke());
      this.doc.y = y + 6;
    } else {
      this.doc.y += 3;
    }
    this.font('regular', SIZE.body);
  }

  paragraph(s: string, opts: { size?: number; colour?: string; role?: FontRole; gap?: number } = {}): void {
    this.font(opts.role ?? 'regular', opts.size ?? SIZE.body, opts.colour ?? COLOUR.text);
    this.tagged('P', () => this.text(s, { lineGap: 1.5 }));
    this.doc.y += opts.gap ?? 5;
  }

  /** A bold label run into regular text on the same line, e.g. "Why: …". */
  labelled(label: string, s: string, size = SIZE.body): void {
    this.tagged('P', () => {
      this.font('bold', size).draw(`${label}: `, this.left, this.doc.y, { width: this.width, continued: true, lineGap: 1.5 });
      this.font('regular', size).draw(this.fitTokens(s, this.width), undefined, undefined, { lineGap: 1.5, safe: true });
    });
    this.doc.y += 5;
  }

  /** Ordered steps under a bold label: "How to fix it:" then "1. …", "2. …" (one step alone is unnumbered). */
  steps(label: string, steps: readonly string[], size = SIZE.body): void {
    if (steps.length === 1) return this.labelled(label, steps[0]!, size);
    this.font('bold', size);
    this.tagged('P', () => this.text(`${label}:`));
    const list = this.group('L');
    steps.forEach((step, i) => {
      const item = this.group('LI', list);
      this.font('regular', size);
      this.tagged('LBody', () => this.text(`${i + 1}. ${step}`, { x: this.left + 10, lineGap: 1.5 }), item);
      item.end();
    });
    list.end();
    this.doc.y += 5;
  }

  /** Label/value pairs in two columns; values wrap within their column. */
  keyValues(rows: [string, string][], labelWidth = 150, size = SIZE.body): void {
    const table = this.group('Table');
    for (const [label, raw] of rows) {
      const value = this.font('regular', size).fitTokens(clip(raw, MAX_VALUE_CHARS) || '—', this.width - labelWidth);
      const h = Math.max(this.heightOf(value, this.width - labelWidth), this.font('bold', size).heightOf(label, labelWidth - 8));
      this.ensureSpace(h + 3);
      const y = this.doc.y;
      const row = this.group('TR', table);
      this.font('bold', size, COLOUR.muted);
      this.tagged('TH', () => this.draw(label, this.left, y, { width: labelWidth - 8 }), row);
      this.font('regular', size);
      this.tagged('TD', () => this.draw(value, this.left + labelWidth, y, { width: this.width - labelWidth, safe: true }), row);
      row.end();
      this.doc.y = y + h + 3;
    }
    table.end();
    this.doc.x = this.left;
  }

  // ---------------------------------------------------------------------------------- navigation

  /** A named destination at the current position, for internal links (goTo) and the contents page. */
  anchor(name: string): void {
    this.doc.addNamedDestination(name, 'XYZ', this.left - 10, this.doc.y - 6, null);
    this.anchors.set(name, this.page);
  }

  pageOf(name: string): number | undefined {
    return this.anchors.get(name);
  }

  /** Adds a bookmark to the current page in the viewer's outline (titles are PDF text strings, not drawn glyphs). */
  bookmark(title: string, parent?: PDFKit.PDFOutline): PDFKit.PDFOutline {
    return (parent ?? this.doc.outline).addItem(pdfSafe(clip(title, 120), false));
  }

  /** A top-level section: new page, bookmark, anchor, title; its content is tagged as one Sect. */
  section(title: string, anchor?: string): void {
    this.newPage();
    this.section_?.end();
    this.section_ = this.group('Sect', this.root);
    this.parent = this.section_;
    this.bookmark(title);
    this.heading(title, 1, { anchor });
  }

  /**
   * Draws a number decided later (`resolve(key, …)` before finish): the page total, a contents entry's page.
   * Right-aligned in a box of `width` ending at x + width when `align` is right.
   */
  later(key: string, x: number, y: number, width: number, align: 'left' | 'right' = 'right'): void {
    const { doc } = this;
    const face: Face = this.role;
    doc.font(face);
    const font = (doc as unknown as { _font: { id: string; ref(): PDFKit.PDFKitReference } })._font;
    const height = this.size * 1.3;
    const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: { Font: { [font.id]: font.ref() } } });
    const name = `Later${this.deferred.length}`;
    this.deferred.push({ ref, key, face, fontId: font.id, size: this.size, width, height, align, colour: this.colour });
    (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[name] = ref;
    doc.save();
    doc.transform(1, 0, 0, -1, x, y + height);
    doc.addContent(`/${name} Do`);
    doc.restore();
  }

  resolve(key: string, text: string): void {
    this.resolved.set(key, text);
  }

  /**
   * Waits until the file has taken most of what pdfkit has produced. pdfkit pushes its output into its readable
   * buffer whatever the file's back-pressure, so a pack drawn faster than the disk writes piled its output up in
   * memory (36 MB of small chunks at 2,000 domains, and the heap growth that came with them). Call it between
   * domains; it also lets the event loop turn.
   */
  async drained(): Promise<void> {
    this.output.flush();
    do {
      if (this.failure) throw this.failure;
      // A closed file takes nothing more: waiting for it would spin for ever.
      if (this.out.destroyed) throw new Error('The PDF file was closed before the pack was written');
      // once() rejects if the stream fails while we wait.
      if (this.out.writableNeedDrain) await once(this.out, 'drain');
      else await new Promise((resolve) => setImmediate(resolve));
    } while (this.doc.readableLength + this.out.writableLength > MAX_UNWRITTEN_BYTES);
  }

  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    this.section_?.end();
    this.root.end();
    this.resolve('total', String(this.page));
    for (const [name, page] of this.anchors) this.resolve(`page:${name}`, String(page));
    for (const d of this.deferred) this.writeDeferred(d);
    // once() rejects if the stream fails from here on.
    const done = once(this.out, 'finish');
    this.doc.end();
    await done;
  }

  private writeDeferred(d: Deferred): void {
    const text = this.resolved.get(d.key) ?? '';
    const { doc } = this;
    doc.font(d.face);
    const font = (doc as unknown as { _font: { encode(t: string): [string[], unknown[]]; widthOfString(t: string, size: number): number } })._font;
    const [encoded] = font.encode(text);
    const w = font.widthOfString(text, d.size);
    const tx = d.align === 'right' ? Math.max(0, d.width - w) : 0;
    const [r, g, b] = [1, 3, 5].map((i) => (parseInt(d.colour.slice(i, i + 2), 16) / 255).toFixed(3));
    d.ref.write(`BT ${r} ${g} ${b} rg /${d.fontId} ${d.size} Tf ${tx.toFixed(2)} ${(d.height - d.size).toFixed(2)} Td <${encoded.join('')}> Tj ET`);
    d.ref.end(undefined as never);
  }

  private drawFooter(): void {
    this.page++;
    const { doc } = this;
    const saved = { x: doc.x, y: doc.y, role: this.role, size: this.size, colour: this.colour };
    // Text below the bottom margin would make pdfkit start yet another page: lift the margin while drawing.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGINS.bottom + 18;
    this.doc.markContent('Artifact', { type: 'Pagination' } as never);
    doc.moveTo(this.left, y - 6).lineTo(this.left + this.width, y - 6).lineWidth(0.5).strokeColor(COLOUR.rule).stroke();
    this.font('regular', SIZE.small - 0.5, COLOUR.muted);
    this.draw(this.meta.footer, this.left, y, { width: this.width - 90, lineBreak: false, ellipsis: true, height: 10 });
    const label = `Page ${this.page} of `;
    const labelWidth = this.widthOf(label);
    const totalWidth = this.widthOf('00000');
    const x = this.left + this.width - totalWidth - labelWidth;
    this.draw(label, x, y, { lineBreak: false });
    this.later('total', x + labelWidth, y, totalWidth, 'left');
    this.doc.endMarkedContent();
    doc.page.margins.bottom = MARGINS.bottom;
    this.font(saved.role, saved.size, saved.colour);
    doc.x = saved.x;
    doc.y = saved.y;
  }
}

/**
 * Text for measuring with the role's own face: a character drawn in a fallback face (CJK) is as wide as an em,
 * so it is measured as "W" (and stays a break opportunity, as CJK text is, by a zero-width space after it).
 */
function forMeasure(safe: string, role: FontRole): string {
  // Fast path: Latin, Greek, Cyrillic, Arabic and the symbols the report uses are all in the primary faces.
  if (!/[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(safe)) return safe;
  let out = '';
  for (const r of runs(safe, role)) out += r.face.startsWith('cjk') ? r.text.replace(/[^ ]/g, 'W\u200b') : r.text;
  return out;
}
