/**
 * The start and end tags of given names in an XML part, with attributes read the way a conforming parser
 * (saxes, which exceljs uses) reads them: either quote, whitespace around `=`, character and predefined entity
 * references, namespace prefixes. It measures parts before exceljs parses them, so it may only err one way:
 * - it finds the names anywhere, inside comments and CDATA too, so it never sees fewer tags than the parser;
 * - whatever it cannot read for certain (a DOCTYPE, which may declare its own entities; an unknown entity; one
 *   of its tags it cannot parse) throws Unprovable, and the caller assumes the worst.
 * Only the wanted names are looked at, by one regular expression over the text: an 8 MB sheet takes ~20 ms.
 */

export class Unprovable extends Error {
  override readonly name = 'Unprovable';
}

export interface XmlTag {
  /** Local name: `x:mergeCell` → `mergeCell`. */
  name: string;
  close: boolean;
  selfClosing: boolean;
  /** Offset of its `<`; for a start tag also just past its `>`. */
  start: number;
  end: number;
  /**
   * Every value (duplicates kept) of the attributes with this local name, decoded; with `exact`, only the
   * attribute of exactly this name (what exceljs reads).
   */
  values(attribute: string, exact?: boolean): string[];
}

// XML's own whitespace: a parser refuses any other (a no-break space) inside a tag, and so does TAG.
const S = '[ \\t\\r\\n]';
const NAME = `[^ \\t\\r\\n/>"'=<&]+`;
const VALUE = `(?:"[^"<]*"|'[^'<]*')`;
const TAG = new RegExp(`<(/?)(${NAME})((?:${S}+${NAME}${S}*=${S}*${VALUE})*)${S}*(/?)>`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})${S}*=${S}*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
/** `<!` that opens neither a comment nor CDATA. */
const DECLARATION = /<!(?!--|\[CDATA\[)/;
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g;
const NAMED = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

/** The tags whose local name is in `names`, in document order. */
export function* xmlTags(xml: string, names: ReadonlySet<string>): Generator<XmlTag> {
  if (DECLARATION.test(xml)) throw new Unprovable('a DOCTYPE or other declaration');
  // A tag is `<`, its name at once, then whitespace, `/` or `>`; any prefix, as a parser without namespaces reads it.
  const wanted = new RegExp(`<(\\/?)(?:${NAME}:)?(${[...names].join('|')})(?=[ \\t\\r\\n/>])`, 'g');
  for (const found of xml.matchAll(wanted)) {
    if (found[1]) {
      // An end tag has no attributes to read; only where it is matters (half of a sheet's tags are `</row>`).
      yield { name: found[2]!, close: true, selfClosing: false, start: found.index, end: found.index + found[0].length, values: () => [] };
      continue;
    }
    TAG.lastIndex = found.index;
    const m = TAG.exec(xml);
    if (!m) throw new Unprovable(`unreadable tag at offset ${found.index}`);
    const attributes = m[3]!;
    yield { name: localName(m[2]!), close: m[1] === '/', selfClosing: m[4] === '/', start: found.index, end: TAG.lastIndex, values: (a, exact) => attributeValues(attributes, a, exact) };
  }
}

/** The text between a start and an end tag: plain text and references only, or Unprovable. */
export function xmlText(slice: string): string {
  // Markup inside (a comment splitting a reference, CDATA, a child element) changes what the parser reports.
  if (slice.includes('<')) throw new Unprovable('markup inside text');
  return decoded(slice);
}

function attributeValues(attributes: string, wanted: string, exact = false): string[] {
  const out: string[] = [];
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    if (exact ? m[1] === wanted : localName(m[1]!) === wanted) out.push(decoded(m[2] ?? m[3]!));
  }
  return out;
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

function decoded(text: string): string {
  if (!text.includes('&')) return text;
  // An `&` that starts no reference is an error to the parser; not knowing what it makes of it, assume the worst.
  if (text.replace(REFERENCE, '').includes('&')) throw new Unprovable('an unknown entity');
  return text.replace(REFERENCE, (_, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED.get(named)!;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    if (!(code > 0 && code <= 0x10ffff)) throw new Unprovable('a character reference out of range');
    return String.fromCodePoint(code);
  });
}
