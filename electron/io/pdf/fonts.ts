/**
 * The evidence pack's typefaces, embedded (and subset by pdfkit) so that any script a client, tag or audited
 * domain uses prints as itself: DejaVu Sans and DejaVu Sans Mono (Latin, Greek, Cyrillic, Arabic, Hebrew,
 * Armenian, Georgian, box and arrow symbols; about 6,000 glyphs) with Noto Sans SC (Han ideographs, kana) as the
 * fallback face for CJK. No standard-14 font is used, so the file depends on no font of the reader's machine
 * (and PDF/A, which forbids unembedded fonts, stays possible).
 *
 * A string is drawn in runs: each character takes the first face of its role's chain that has a glyph for it.
 * Characters no face has (Hangul, emoji, unassigned) are never drawn as a missing-glyph box: text.ts turns them
 * into a visible ‹U+XXXX› placeholder first.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff';

export type FontRole = 'regular' | 'bold' | 'italic' | 'mono' | 'mono-bold';
export type Face = FontRole | 'cjk' | 'cjk-bold';

const require = createRequire(import.meta.url);

/** The font files, resolved inside their npm packages (so an asar-packed app finds them the same way). */
const FILES: Record<Face, string> = {
  regular: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  bold: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
  italic: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-italic.woff',
  mono: '@fontsource/dejavu-mono/files/dejavu-mono-latin-400-normal.woff',
  'mono-bold': '@fontsource/dejavu-mono/files/dejavu-mono-latin-700-normal.woff',
  cjk: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff',
  'cjk-bold': '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-700-normal.woff',
};

/** Faces tried in order for each role: DejaVu's italic lacks Arabic, so plain DejaVu Sans backs it up. */
const CHAIN: Record<FontRole, Face[]> = {
  regular: ['regular', 'cjk'],
  bold: ['bold', 'cjk-bold'],
  italic: ['italic', 'regular', 'cjk'],
  mono: ['mono', 'regular', 'cjk'],
  'mono-bold': ['mono-bold', 'bold', 'cjk-bold'],
};

export const FACES = Object.keys(FILES) as Face[];

export function fontFile(face: Face): string {
  return require.resolve(FILES[face]);
}

let loaded: Map<Face, Buffer> | undefined;
let parsed: Map<Face, fontkit.Font> | undefined;

/** The fonts as plain OpenType, read and unpacked once per process and shared by every pack. */
export function fontBytes(): Map<Face, Buffer> {
  loaded ??= new Map(FACES.map((f) => [f, woffToSfnt(fs.readFileSync(fontFile(f)))]));
  return loaded;
}

function font(face: Face): fontkit.Font {
  parsed ??= new Map(FACES.map((f) => [f, fontkit.create(fontBytes().get(f)!) as fontkit.Font]));
  return parsed.get(face)!;
}

/** Per code point: bit i set when FACES[i] has a glyph. Cached, since the same characters recur on every page. */
const coverage = new Map<number, number>();

function covered(cp: number): number {
  let bits = coverage.get(cp);
  if (bits === undefined) {
    bits = 0;
    FACES.forEach((f, i) => {
      if (font(f).hasGlyphForCodePoint(cp)) bits! |= 1 << i;
    });
    coverage.set(cp, bits);
  }
  return bits;
}

/** Whether some face of the pack can draw the code point. */
export function drawable(cp: number): boolean {
  return covered(cp) !== 0;
}

/** The face a character of `role` is drawn in; the role's own face for characters no face has. */
export function faceFor(role: FontRole, cp: number): Face {
  const bits = covered(cp);
  return CHAIN[role].find((f) => (bits & (1 << FACES.indexOf(f))) !== 0) ?? role;
}

/** Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
export function isRtl(cp: number): boolean {
  return (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);
}

export interface Run {
  face: Face;
  text: string;
  rtl: boolean;
}

/**
 * Splits drawable text into runs of one face and one direction. Spaces between two right-to-left characters
 * stay in the right-to-left run, so a phrase is laid out (and reversed for display) as a whole.
 */
export function runs(text: string, role: FontRole): Run[] {
  // Fast path: printable ASCII (most of a report) is in every role's own face.
  if (/^[\x20-\x7e\n]*$/.test(text)) return text ? [{ face: role, text, rtl: false }] : [];
  const out: Run[] = [];
  const chars = [...text];
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    let rtl = isRtl(cp);
    if (!rtl && ch === ' ' && out.at(-1)?.rtl) {
      const next = chars.slice(i + 1).find((c) => c !== ' ');
      rtl = next !== undefined && isRtl(next.codePointAt(0)!);
    }
    const face = ch === ' ' && out.length > 0 ? out.at(-1)!.face : faceFor(role, cp);
    const last = out.at(-1);
    if (last && last.face === face && last.rtl === rtl) last.text += ch;
    else out.push({ face, text: ch, rtl });
  });
  return out;
}
