/**
 * A bounded, compact cache of the words pdfkit has laid out, kept across pages, in place of pdfkit's own per-font
 * cache.
 *
 * pdfkit lays text out word by word (fontkit: GSUB/GPOS lookups, the pack's largest CPU cost) and asks its font's
 * `layoutCached(word)` for each one: for every line width it tries, when the pack measures a table row or a
 * key/value pair to see whether it fits, and again when it draws it. pdfkit's own cache keeps fontkit's whole
 * glyph runs and every distinct word of the pack (hashes, host names): kept for the whole pack it made memory
 * grow with the estate, and emptied at every page (as the pack did) it laid the words that recur on every domain
 * page (labels, record keys, finding titles, the estate's MX hosts) out again on each page.
 *
 * Here each word keeps only numbers: its advance width, and its glyph ids and positions in one array, from which
 * the glyphs (fontkit's own, shared glyph objects) and positions are rebuilt when a line is drawn. The cache has
 * two generations of at most `limit` words each: a word found in the old one moves to the new one; when the new
 * one is full it becomes the old one and the former old one is dropped. So a word used on consecutive pages
 * stays, one used once leaves after at most two generations, and memory stays bounded however large the pack.
 * A word's layout does not depend on where it came from, so the file is byte for byte what pdfkit made before.
 */

/** A glyph position as pdfkit reads it (fontkit's GlyphPosition, scaled to 1000 units per em by pdfkit). */
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface Glyph {
  id: number;
}

/** What pdfkit's EmbeddedFont.layout reads from a laid-out word. */
interface WordRun {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}

/** The part of pdfkit's EmbeddedFont this module replaces (pdfkit 0.20, EmbeddedFont.layoutCached). */
interface PdfkitEmbeddedFont {
  font: { getGlyph(id: number): Glyph };
  layoutCache?: object;
  layoutRun(text: string, features?: unknown): WordRun;
  layoutCached(text: string): WordRun;
}

/** Numbers per glyph in a packed word: the id, then the five position fields. */
const STRIDE = 6;

/** A laid-out word as numbers; its glyphs and positions are rebuilt on each read (pdfkit concatenates them). */
class PackedRun implements WordRun {
  constructor(
    readonly advanceWidth: number,
    private readonly data: number[],
    private readonly font: PdfkitEmbeddedFont['font'],
  ) {}

  static pack(run: WordRun, font: PdfkitEmbeddedFont['font']): PackedRun {
    const data: number[] = [];
    run.glyphs.forEach((g, i) => {
      const p = run.positions[i]!;
      data.push(g.id, p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth);
    });
    // fontkit's GlyphRun sums its positions on every read of advanceWidth: summed once here, in the same order.
    return new PackedRun(run.advanceWidth, data, font);
  }

  get glyphs(): Glyph[] {
    const out: Glyph[] = [];
    for (let i = 0; i < this.data.length; i += STRIDE) out.push(this.font.getGlyph(this.data[i]!));
    return out;
  }

  get positions(): Position[] {
    const d = this.data;
    const out: Position[] = [];
    // Same fields in the same order as pdfkit's (pdfkit copies a position key by key for word spacing).
    for (let i = 0; i < d.length; i += STRIDE) out.push({ xAdvance: d[i + 1]!, yAdvance: d[i + 2]!, xOffset: d[i + 3]!, yOffset: d[i + 4]!, advanceWidth: d[i + 5]! });
    return out;
  }
}

const INSTALLED = Symbol('layoutCache');

/**
 * The word as a string of its own. pdfkit cuts words out of the text with slice(), and V8 keeps a longer slice
 * as a view of the whole text: kept as a key, it would keep the whole text (a table cell, a policy) alive.
 */
function flat(word: string): string {
  return word.length < 13 ? word : Buffer.from(word, 'utf16le').toString('utf16le');
}

export class WordCache {
  private young = new Map<string, WordRun>();
  private old = new Map<string, WordRun>();
  hits = 0;
  misses = 0;
  /** Off while measuring strings that are never drawn (withoutKeeping): they would only push out others. */
  keeping = true;

  constructor(private readonly limit: number) {}

  get(word: string, layout: (word: string) => WordRun): WordRun {
    let run = this.young.get(word);
    if (run) {
      this.hits++;
      return run;
    }
    run = this.old.get(word);
    if (run) {
      this.hits++;
      this.old.delete(word);
    } else {
      this.misses++;
      run = layout(word);
      if (!this.keeping) return run;
    }
    this.young.set(flat(word), run);
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    return run;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}

/**
 * Gives each embedded font of `doc` a word cache of its own as soon as it is first selected: pdfkit creates a
 * font object on a face's first use, so `doc.font` is wrapped to fit the cache right then, before the font lays
 * out any word.
 */
export function installWordCaches(doc: PDFKit.PDFDocument, limit: number): void {
  const select = doc.font.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  const current = () => (doc as unknown as { _font?: PdfkitEmbeddedFont & { [INSTALLED]?: WordCache } })._font;
  (doc as unknown as { font: (...args: unknown[]) => PDFKit.PDFDocument }).font = (...args: unknown[]) => {
    const result = select(...args);
    const font = current();
    if (font && !font[INSTALLED] && typeof font.layoutRun === 'function') {
      const cache = new WordCache(limit);
      font[INSTALLED] = cache;
      font.layoutCache = undefined;
      const layout = (word: string) => PackedRun.pack(font.layoutRun(word), font.font);
      font.layoutCached = (word: string) => cache.get(word, layout);
    }
    return result;
  };
}

/** Runs `measure` with no new word kept in `doc`'s caches (words already there are still used). */
export function withoutKeeping<T>(doc: PDFKit.PDFDocument, measure: () => T): T {
  const caches = wordCaches(doc);
  for (const c of caches) c.keeping = false;
  try {
    return measure();
  } finally {
    for (const c of caches) c.keeping = true;
  }
}

/** The word caches of `doc`'s fonts, for tests and measuring. */
export function wordCaches(doc: PDFKit.PDFDocument): WordCache[] {
  const families = (doc as unknown as { _fontFamilies: Record<string, { [INSTALLED]?: WordCache }> })._fontFamilies;
  return Object.values(families).flatMap((f) => (f[INSTALLED] ? [f[INSTALLED]] : []));
}
