/**
 * Lets pdfkit forget what a structure element said once the element is written to the file.
 *
 * A tagged PDF's parent tree (ISO 32000-1, 14.7.4.4) maps every marked-content id of every page to its structure
 * element. pdfkit keeps that tree until the document ends, and with it each element's dictionary object with all
 * its data (type, parent, page, attributes): about 74 elements per domain page, so a 5,000-domain pack kept over
 * a hundred megabytes of dictionaries it had already written, and V8's heap grew well beyond that.
 *
 * Once written, the tree only needs an element's object number (its reference's toString). pdfkit (0.20) reads
 * a written element's data in one place only: a parent being written asks each child whether it has a parent
 * (PDFStructureElement._isFlushable reads `data.P`). So a written element's data is replaced by one shared,
 * frozen stand-in that answers just that. The parent tree's entries, which pdfkit only prints at the end,
 * become compact references holding just the object number, so the written element's reference object (about
 * 140 bytes, 370,000 of them at 5,000 domains) can go too. The file is byte for byte what pdfkit wrote before.
 */

/** The part of pdfkit's PDFStructureElement this module relies on. */
interface StructureElement {
  dictionary: Reference;
  document: { getStructParentTree(): { get(key: number): unknown[] } };
  _flushed: boolean;
  _flush(): void;
  _addContentToParentTree(content: { refs: { pageRef: { data: { StructParents: number } }; mcid: number }[] }): void;
}

interface Reference {
  id: number;
  gen: number;
  data: object;
}

const WRITTEN = Object.freeze({ P: true });
const PATCHED = Symbol('forgets written structure');
const COMPACT = Symbol('compact reference');

/** Patches the class of `element` (pdfkit's PDFStructureElement) once per process. */
export function forgetWrittenStructure(element: PDFKit.PDFStructureElement): void {
  const proto = Object.getPrototypeOf(element) as StructureElement & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const flush = proto._flush;
  const addToParentTree = proto._addContentToParentTree;
  if (typeof flush !== 'function' || typeof addToParentTree !== 'function') throw new Error('pdfkit changed: PDFStructureElement internals are gone');
  const compactOf = compactReferences((element as unknown as StructureElement).dictionary);
  proto._flush = function (this: StructureElement) {
    const before = this._flushed;
    flush.call(this);
    if (this._flushed && !before) this.dictionary.data = WRITTEN;
  };
  // The parent tree holds one entry per marked-content id: the element's reference, kept to the end of the
  // document. A compact stand-in that prints the same "12 0 R" lets the reference itself go once written.
  proto._addContentToParentTree = function (this: StructureElement & { [COMPACT]?: object }, content) {
    addToParentTree.call(this, content);
    const compact = (this[COMPACT] ??= compactOf(this.dictionary));
    const tree = this.document.getStructParentTree();
    for (const { pageRef, mcid } of content.refs) {
      const parents = tree.get(pageRef.data.StructParents);
      if (parents[mcid] === this.dictionary) parents[mcid] = compact;
    }
  };
  proto[PATCHED] = true;
}

/**
 * A maker of references that print as `sample`'s kind prints them ("12 0 R") and hold only the object number.
 * They derive from pdfkit's own abstract reference, which is what its serializer recognises.
 */
function compactReferences(sample: Reference): (ref: Reference) => object {
  const abstract = Object.getPrototypeOf(Object.getPrototypeOf(sample)) as object;
  const proto = Object.create(abstract, {
    toString: { value(this: { id: number }) { return `${this.id} 0 R`; } },
  }) as object;
  return (ref) => {
    if (ref.gen !== 0) return ref;
    const compact = Object.create(proto) as { id: number };
    compact.id = ref.id;
    return compact;
  };
}
