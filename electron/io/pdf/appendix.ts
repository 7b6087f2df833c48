/**
 * The integrity manifest and domain index: the SHA-256 of the whole evidence JSON and of each domain's entry,
 * with the definition a verifier needs to recompute them from the bundle's evidence.json, and for each domain
 * its outcome and the page its evidence is on (linked).
 */
import { OUTCOME_LABEL, type Outcome } from '../../../shared/outcome';
import type { DomainDigest, EvidenceDigest } from '../report/evidence-json';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { anchorOf } from './findings';
import { OUTCOME_COLOUR } from '../report/outcome-colours';
import { PdfTable } from './table';

export interface IndexedDomain extends DomainDigest {
  outcome: Outcome;
}

const DEFINITION =
  'The evidence JSON is the file evidence.json of this run\'s evidence bundle, produced by the same code as this report. ' +
  'It is UTF-8 text: line 1 holds the format, version and run metadata and opens the "domains" array; each following line holds ' +
  'one domain entry {input, domain, tags, result} with the complete audit result and its raw evidence, in import order, followed ' +
  'by a comma except on the last entry; the file ends with the line "]}". A domain\'s evidence hash is the SHA-256 of its line ' +
  'without the trailing comma and line feed. The file contains nothing time-dependent, so exporting the same run again gives the same bytes.';

export function drawAppendix(pdf: ReportPdf, whole: EvidenceDigest, domains: IndexedDomain[] | undefined): void {
  pdf.section('Appendix: domain index and integrity manifest', 'appendix');
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
  // 6 pt keeps a hash (64 monospace characters) on one line.
  const table = new PdfTable(pdf, [
    { header: 'Line', share: 0.05, align: 'right' }, { header: 'Domain', share: 0.21 }, { header: 'Outcome', share: 0.11 }, { header: 'Page', share: 0.05, align: 'right' },
    { header: 'Evidence SHA-256', share: 0.5, role: 'mono' }, { header: 'Bytes', share: 0.08, align: 'right' },
  ], 6);
  domains.forEach((d, i) => {
    const anchor = anchorOf(i + 1);
    const page = pdf.pageOf(anchor);
    table.row({
      cells: [String(i + 2), d.domain, OUTCOME_LABEL[d.outcome], page === undefined ? '' : String(page), d.sha256, String(d.bytes)],
      fills: [undefined, undefined, OUTCOME_COLOUR[d.outcome].fill], links: [undefined, page === undefined ? undefined : anchor],
    });
  });
  table.end();
}
