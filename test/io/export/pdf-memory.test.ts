/**
 * What keeps a large evidence pack's memory down (electron/io/pdf/): pdfkit's many tiny output chunks gathered
 * into few, the same bytes in the same order; the pack waiting for the file between domains, so drawn output
 * does not pile up; written structure elements no longer holding their dictionaries, and the parent tree holding
 * compact references, with the file unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { gatherOutput } from '../../../electron/io/pdf/output-chunks';
import { ReportPdf } from '../../../electron/io/pdf/document';
import { forgetWrittenStructure } from '../../../electron/io/pdf/written-structure';

function tmp(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-memory-')), name);
}

// First: the patch is made once per process, and ReportPdf makes it.
describe('forgetWrittenStructure', () => {
  it('drops a written element’s dictionary and writes the same tagged file', async () => {
    const draw = async (forget: boolean): Promise<{ bytes: Buffer; written: object; open: object }> => {
      const doc = new PDFDocument({ tagged: true, autoFirstPage: false, info: { CreationDate: new Date(0) } } as PDFKit.PDFDocumentOptions);
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((resolve) => doc.on('end', resolve));
      const root = doc.struct('Document');
      if (forget) forgetWrittenStructure(root);
      doc.addStructure(root);
      doc.addPage();
      const heading = doc.struct('H1', {}, (() => doc.text('Heading')) as never);
      const section = doc.struct('Sect');
      root.add(heading);
      root.add(section);
      section.add(doc.struct('P', {}, (() => doc.text('Body')) as never));
      heading.end();
      const headingRef = (heading as unknown as { dictionary: { data: object } }).dictionary;
      const data = { written: headingRef.data, open: (section as unknown as { dictionary: { data: object } }).dictionary.data };
      // The parent tree's entry for the heading's marked content (page 0, id 0) prints the same reference.
      const entry = (doc as unknown as { getStructParentTree(): { get(k: number): object[] } }).getStructParentTree().get(0)[0]!;
      parentTreeEntries.push({ same: entry === headingRef, text: String(entry), ref: String(headingRef) });
      section.end();
      root.end();
      doc.end();
      await done;
      return { bytes: Buffer.concat(chunks), ...data };
    };
    const parentTreeEntries: { same: boolean; text: string; ref: string }[] = [];
    const plain = await draw(false);
    const slim = await draw(true);
    expect(slim.written).toEqual({ P: true });
    expect(Object.isFrozen(slim.written)).toBe(true);
    expect(slim.open).toHaveProperty('S', 'Sect');
    // Without the patch the tree holds the reference itself; with it, a compact one that prints the same.
    expect(parentTreeEntries.map((e) => e.same)).toEqual([true, false]);
    expect(parentTreeEntries[1]!.text).toBe(parentTreeEntries[1]!.ref);
    expect(parentTreeEntries[1]!.text).toMatch(/^\d+ 0 R$/);
    // Identical apart from the file identifier, which pdfkit draws from the time.
    const withoutId = (b: Buffer) => b.toString('latin1').replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '');
    expect(withoutId(slim.bytes)).toBe(withoutId(plain.bytes));
  });
});

describe('gatherOutput', () => {
  it('passes the same bytes in few chunks, large data as it is, and everything by the end', async () => {
    const stream = new Readable({ read() {} });
    const output = gatherOutput(stream);
    const received: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    const sent: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) sent.push(Buffer.from(`${i} 0 obj\n`));
    sent.push(Buffer.alloc(100_000, 7));
    for (let i = 0; i < 10; i++) sent.push(Buffer.from(`tail ${i}\n`));
    for (const b of sent) stream.push(b);
    output.flush();
    stream.push(Buffer.from('after the flush\n'));
    stream.push(null);
    await ended;
    expect(Buffer.concat(received).equals(Buffer.concat([...sent, Buffer.from('after the flush\n')]))).toBe(true);
    expect(received.length).toBeLessThan(10);
    expect(received.some((c) => c.length === 100_000)).toBe(true);
  });
});

describe('ReportPdf.drained', () => {
  it('leaves at most a megabyte unwritten between domains, and the pack stays whole', async () => {
    const file = tmp('drained.pdf');
    const pdf = new ReportPdf(file, { title: 'Drain', subject: 'memory', footer: 'footer' });
    const doc = pdf.doc as unknown as { readableLength: number };
    const out = (pdf as unknown as { out: fs.WriteStream }).out;
    let worst = 0;
    for (let page = 0; page < 60; page++) {
      pdf.newPage();
      // Shapes at random places: cheap to draw, and their coordinates do not compress away.
      for (let shape = 0; shape < 4000; shape++) pdf.doc.rect(Math.random() * 500, Math.random() * 700, Math.random() * 50, Math.random() * 50).stroke();
      await pdf.drained();
      worst = Math.max(worst, doc.readableLength + out.writableLength);
    }
    await pdf.finish();
    expect(fs.statSync(file).size).toBeGreaterThan(2 << 20);
    expect(worst).toBeLessThanOrEqual(1 << 20);
    expect(Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1])).toBeGreaterThanOrEqual(60);
  });

  it('rejects with the file error instead of waiting forever', async () => {
    const pdf = new ReportPdf(path.join(tmp('x'), 'missing-folder', 'out.pdf'), { title: 'T', subject: 'S', footer: 'F' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(pdf.drained()).rejects.toThrow(/ENOENT/);
  });
});
