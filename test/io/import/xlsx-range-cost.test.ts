/** The range measure and the tag reader under it: exact for what Excel writes, unbounded for anything else. */
import { describe, expect, it } from 'vitest';
import type { XlsxPart } from '../../../electron/io/import/xlsx/package-parts';
import { fitsInMemory, rangeCells, validationCells, workbookCost } from '../../../electron/io/import/xlsx/range-cost';
import { Unprovable, xmlTags, xmlText } from '../../../electron/io/import/xlsx/xml-tags';

const part = (name: string, xml: string): XlsxPart => ({
  entry: { name, compressedSize: 0, uncompressedSize: xml.length, method: 0, flags: 0, crc32: 0, localHeaderOffset: 0, dataLimit: 0 },
  data: Buffer.from(xml),
});
const sheet = (body: string) => part('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet><sheetData/>${body}</worksheet>`);
const workbook = (names: string) => part('xl/workbook.xml', `<workbook><sheets/><definedNames>${names}</definedNames></workbook>`);
const refs = (xml: string) => [...xmlTags(xml, new Set(['mergeCell']))].filter((t) => !t.close).flatMap((t) => t.values('ref'));

describe('xml tags', () => {
  it('reads attributes as an XML parser does', () => {
    expect(refs(`<mergeCell ref="A1:B2"/><mergeCell ref='C3'/><mergeCell\n  ref\t=  "D4:E5" /><m:mergeCell m:ref="F6"/>`)).toEqual(['A1:B2', 'C3', 'D4:E5', 'F6']);
    expect(refs(`<mergeCell a="x>y" ref="A&#58;&#x42;&amp;&lt;&apos;"/>`)).toEqual(["A:B&<'"]);
  });

  it('finds the names everywhere, even where a parser would not look, and keeps duplicates', () => {
    expect(refs(`<?pi <mergeCell ref="X1"/> ?><!-- <mergeCell ref="X2"/> --><![CDATA[<mergeCell ref="X3"/>]]><mergeCell ref="A1" ref="A2"/>`)).toEqual(['X1', 'X2', 'X3', 'A1', 'A2']);
    expect(refs(`<mergeCells><mergeCellX ref="B1"/><a:b:mergeCell ref="B2"></a:b:mergeCell></mergeCells>`)).toEqual(['B2']);
  });

  it('gives up on what it cannot read for certain', () => {
    for (const xml of ['<!DOCTYPE w [<!ENTITY r "A1:XFD1">]><mergeCell ref="&r;"/>', '<mergeCell ref="&bogus;"/>', '<mergeCell ref=A1/>', '<mergeCell ref="A1"', '<mergeCell ref="A1"/><!ENTITY x "y">', '<mergeCell ref="&#0;"/>', '<mergeCell ref="A<1"/>']) {
      expect(() => refs(xml), xml).toThrow(Unprovable);
    }
    expect(() => xmlText('S!$A$1<!-- -->:$B$2')).toThrow(Unprovable);
    expect(xmlText('S!$A$1:$B&#36;2')).toBe('S!$A$1:$B$2');
  });
});

describe('range measure', () => {
  it('counts the plain forms exactly and any other form as unbounded', () => {
    expect(rangeCells('A1')).toBe(1);
    expect(rangeCells('$B$2:$A$1')).toBe(4);
    expect(rangeCells('A1:XFD1048576')).toBe(16_384 * 1_048_576);
    expect(rangeCells(`A${'9'.repeat(400)}:A${'9'.repeat(400)}`)).toBe(Infinity);
    for (const odd of ['a1:b2', ' A1:B2', 'A1:B2 C3', 'S!A1:B2', 'A1:B', 'AAAA1:B2', 'A1:B2:C3']) expect(rangeCells(odd), odd).toBe(Infinity);
    expect(validationCells('A1 junk B2:C3')).toBe(1 + 1 + 4);
    expect(validationCells('A1 S!B2:C3')).toBe(Infinity);
  });

  it('measures merges, validations, column definitions and row numbers of every sheet', () => {
    const cost = workbookCost([
      sheet('<cols><col min="1" max="3"/><col min="20" max="5"/></cols><mergeCells><mergeCell ref="A1:B2"/></mergeCells><dataValidations><dataValidation sqref="C1:C10 D1"/></dataValidations>'),
      part('/xl/worksheets/sheet2.xml', '<worksheet><sheetData><row r="70"/><row r="9e9"/></sheetData></worksheet>'),
      part('xl/media/sheet3.xml.png', '<mergeCell ref="garbage'),
    ]);
    expect(cost).toEqual({ cells: 4 + 11 + 20, merges: 1, lastRow: 70 });
    expect(fitsInMemory(cost)).toBe(true);
    expect(workbookCost([sheet('<cols><col max="' + '9'.repeat(400) + '"/></cols>')]).cells).toBe(Infinity);
    expect(fitsInMemory(workbookCost([sheet('<mergeCell ref="A1:B2"')]))).toBe(false);
  });

  it('measures defined names as exceljs expands them', () => {
    const cells = (names: string) => workbookCost([workbook(names)]).cells;
    expect(cells(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'My list'!$A$1:$D$50</definedName>`)).toBe(200);
    expect(cells(`<definedName name="x">S!$A$1,S!$B$1:$B$2</definedName><definedName name="rate">0.2</definedName><definedName name="bad">#REF!</definedName>`)).toBe(3);
    // Print settings are handled without expanding them; a prefixed `name` is not the name exceljs reads.
    expect(cells(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'S, Q3'!$A:$A,'S, Q3'!$1:$1</definedName>`)).toBe(0);
    expect(cells(`<definedName x:name="_xlnm.Print_Area">S!$A$1:$XFD$1048576</definedName>`)).toBe(16_384 * 1_048_576);
    for (const odd of [`'a,b'!$A$1:$B$2`, `SUM(S!$A$1:$A$10)`, `S!$A$1 :$B$2`, `S!$A$1<!-- -->:$B$2`]) expect(cells(`<definedName name="n">${odd}</definedName>`), odd).toBe(Infinity);
  });

  it('refuses defined names on sheets named like Object.prototype properties, which exceljs would write into', () => {
    const cells = (text: string) => workbookCost([workbook(`<definedName name="n">${text}</definedName>`)]).cells;
    for (const text of [`'__proto__'!$A$1`, `__proto__!$A$1:$A$2`, `'constructor'!$B$2`, `toString!$A$1`]) expect(cells(text), text).toBe(Infinity);
    expect(cells(`'__proto__ list'!$A$1`)).toBe(1);
    expect(cells(`!$A$1`)).toBe(1);
  });
});
