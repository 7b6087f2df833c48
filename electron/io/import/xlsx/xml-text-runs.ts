/**
 * Holds an XML part's text between tags to a bound while it is unpacked. exceljs's parser gathers a cell's text
 * into one string: a crafted sheet with hundreds of megabytes in one cell ends in V8's "Invalid string length"
 * (or an exhausted heap) deep inside exceljs. Excel writes at most 32,767 characters per cell (a few hundred KB
 * escaped), so a longer run without a `<` is refused in words before exceljs sees it.
 */
import { MAX_XML_TEXT_RUN_BYTES } from '../limits';

const LT = 0x3c;

/** `chunks` unchanged, or `tooLong()` thrown once some run of bytes without `<` passes `max`. */
export async function* boundedTextRuns(chunks: AsyncIterable<Buffer>, tooLong: () => Error, max = MAX_XML_TEXT_RUN_BYTES): AsyncGenerator<Buffer> {
  let run = 0;
  for await (const chunk of chunks) {
    let from = 0;
    for (let lt = chunk.indexOf(LT); lt >= 0; lt = chunk.indexOf(LT, from)) {
      if (run + (lt - from) > max) throw tooLong();
      run = 0;
      from = lt + 1;
    }
    run += chunk.length - from;
    if (run > max) throw tooLong();
    yield chunk;
  }
}

/** Parts exceljs parses as XML. */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}
