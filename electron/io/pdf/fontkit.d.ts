/** The part of fontkit (pdfkit's font engine, which ships no types) that the pack uses to choose faces. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(data: Buffer): Font;
}
