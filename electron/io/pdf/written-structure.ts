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
 * frozen stand-in that answers just that; the file is byte for byte what pdfkit wrote before.
 */

/** The part of pdfkit's PDFStructureElement this module relies on. */
interface StructureElement {
  dictionary: { data: object };
  _flushed: boolean;
  _flush(): void;
}

const WRITTEN = Object.freeze({ P: true });
const PATCHED = Symbol('forgets written structure');

/** Patches the class of `element` (pdfkit's PDFStructureElement) once per process. */
export function forgetWrittenStructure(element: PDFKit.PDFStructureElement): void {
  const proto = Object.getPrototypeOf(element) as StructureElement & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const flush = proto._flush;
  if (typeof flush !== 'function') throw new Error('pdfkit changed: PDFStructureElement._flush is gone');
  proto._flush = function (this: StructureElement) {
    const before = this._flushed;
    flush.call(this);
    if (this._flushed && !before) this.dictionary.data = WRITTEN;
  };
  proto[PATCHED] = true;
}
