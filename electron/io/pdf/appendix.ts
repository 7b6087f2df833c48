/**
 * The integrity manifest: the SHA-256 of the whole evidence JSON and of each domain's entry, with the
 * definition a verifier needs to recompute them from the bundle's evidence.json.
 */
import type { DomainDigest, EvidenceDigest } from '../report/evidence-json';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';

const DEFINITION =
  'The evidence JSON is the file evidence.json of this run\'s evidence bundle, produced by the same code as this report. ' +
  'It is UTF-8 text: line 1 holds the format, version and run metadata and opens the "domains" array; each following line holds ' +
  'one domain entry {input, domain, tags, result} with the complete audit result and its raw evidence, in import order, followed ' +
  'by a comma except on the last entry; the file ends with the line "]}". A domain\'s evidence hash is the SHA-256 of its line ' +
  'without the trailing comma and line feed. The file contains nothing time-dependent, so exporting the same run again gives the same bytes.';

export function drawAppendix(pdf: ReportPdf, whole: EvidenceDigest, domains: DomainDigest[] | undefined): void {
  pdf.section('Appendix: integrity manifest');
  pdf.paragraph(DEFINITION, { size: SIZE.small + 0.5 });
  pdf.keyValues([
    ['Evidence JSON SHA-256', whole.sha256],
    ['Size', `${whole.bytes} bytes, ${whole.domains} domain entries`],
    ['Verify with', 'sha256sum evidence.json   (in the bundle, sha256sum -c manifest.sha256 checks every file)'],
  ], 130, SIZE.small + 0.5);
  pdf.doc.y += 6;
  if (!domains) {
    pdf.paragraph('This summary report omits the per-domain hashes; the full evidence pack lists them.', { size: SIZE.small, colour: COLOUR.muted, role: 'italic' });
    return;
  }
  const table = new PdfTable(pdf, [
    { header: 'Line', share: 0.06, align: 'right' }, { header: 'Domain', share: 0.28 }, { header: 'Evidence SHA-256', share: 0.56, role: 'mono' }, { header: 'Bytes', share: 0.1, align: 'right' },
  ], SIZE.small - 1);
  domains.forEach((d, i) => table.row({ cells: [String(i + 2), d.domain, d.sha256, String(d.bytes)] }));
  table.end();
}
