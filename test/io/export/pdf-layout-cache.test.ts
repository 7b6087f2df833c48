/**
 * The PDF's word layout cache (electron/io/pdf/layout-cache.ts): a word read back from the cache is laid out
 * exactly as pdfkit lays it out itself (glyph ids, every position field, the advance width), in each face and
 * script the pack draws, kerned pairs and right-to-left text included; the cache stays within its bound however
 * many distinct words a pack draws, and keeps the words that recur.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FACES, fontBytes, type Face } from '../../../electron/io/pdf/fonts';
import { installWordCaches, withoutKeeping, wordCaches } from '../../../electron/io/pdf/layout-cache';

interface Laid {
  glyphs: { id: number; codePoints: number[] }[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
type Font = { layout(text: string, features?: unknown, onlyWidth?: boolean): Laid; widthOfString(t: string, size: number): number };

/** A document with the pack's faces registered and its caches installed or not (nothing is drawn or written). */
function doc(cached: boolean, limit = 50): PDFKit.PDFDocument {
  const d = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions);
  if (cached) installWordCaches(d, limit);
  const bytes = fontBytes();
  for (const face of FACES) d.registerFont(face, bytes.get(face)!);
  return d;
}

function fontOf(d: PDFKit.PDFDocument, face: Face): Font {
  d.font(face);
  return (d as unknown as { _font: Font })._font;
}

/** What pdfkit reads of a layout, as plain data. */
function plain(l: Laid) {
  return { ids: l.glyphs.map((g) => g.id), codePoints: l.glyphs.map((g) => g.codePoints), positions: l.positions.map((p) => ({ ...p })), advanceWidth: l.advanceWidth };
}

const SAMPLES: [Face, string][] = [
  ['regular', 'AVATAR To Wa Yo policy mx1.example.com mode: enforce'],
  ['bold', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE Critical'],
  ['italic', 'Tŷ «Ромашка» Περιοχή'],
  ['mono', 'version: STSv1\nmax_age: 86400 sha256:0f3c9a'],
  ['mono-bold', '250-STARTTLS 220 2.0.0 Ready'],
  ['regular', 'الرياض المنطقة'],
  // Marks placed by GPOS (Arabic harakat, Hebrew points, combining accents): positions with x and y offsets.
  ['regular', 'مُحَمَّد שָׁלוֹם'],
  ['mono', 'ạ́ x̧̀ café'],
  ['cjk', '销售部 部门'],
];

describe('the PDF word layout cache', () => {
  it('gives every word exactly the layout pdfkit makes, from the cache and first time alike', () => {
    const reference = doc(false);
    const cached = doc(true);
    for (const [face, text] of SAMPLES) {
      const want = plain(fontOf(reference, face).layout(text));
      const font = fontOf(cached, face);
      expect(plain(font.layout(text)), `${face}: ${text}`).toEqual(want);
      // The second time every word comes from the cache.
      expect(plain(font.layout(text)), `${face}: ${text} (cached)`).toEqual(want);
      expect(font.widthOfString(text, 9.5)).toBe(fontOf(reference, face).widthOfString(text, 9.5));
    }
    // The samples exercise every position field, so a field lost on the way through the cache would show.
    const all = SAMPLES.flatMap(([face, text]) => fontOf(reference, face).layout(text).positions);
    expect(all.some((p) => p.xOffset !== 0)).toBe(true);
    expect(all.some((p) => p.yOffset !== 0)).toBe(true);
    const caches = wordCaches(cached);
    expect(caches.length).toBeGreaterThanOrEqual(SAMPLES.length - 1);
    expect(caches.reduce((n, c) => n + c.hits, 0)).toBeGreaterThan(0);
  });

  it('stays within two generations of its limit and keeps the words that recur', () => {
    const d = doc(true, 50);
    const font = fontOf(d, 'regular');
    for (let i = 0; i < 2000; i++) {
      font.layout(`label host-${i}.example.net`);
    }
    const [cache] = wordCaches(d);
    expect(cache!.size).toBeLessThanOrEqual(100);
    // "label " recurred with every line: laid out once, then always found.
    const before = cache!.misses;
    font.layout('label ');
    expect(cache!.misses).toBe(before);
    // 2,000 distinct host names and one recurring label: about one miss per host name.
    expect(cache!.misses).toBeLessThan(2000 + 5);
    expect(cache!.hits).toBeGreaterThanOrEqual(1999);
  });

  it('keeps nothing new while measuring strings that are never drawn', () => {
    const d = doc(true, 50);
    const font = fontOf(d, 'regular');
    font.layout('kept ');
    const [cache] = wordCaches(d);
    const size = cache!.size;
    const width = withoutKeeping(d, () => font.widthOfString('UNABLE_TO_VERIFY_LEAF_SI', 8));
    expect(width).toBe(fontOf(doc(false), 'regular').widthOfString('UNABLE_TO_VERIFY_LEAF_SI', 8));
    expect(cache!.size).toBe(size);
    expect(cache!.keeping).toBe(true);
  });
});
