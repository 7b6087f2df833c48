/**
 * Domains without defects (no finding above info), one row each: what a large pack prints instead of a section
 * per domain. Their full evidence is in evidence.json, and their hashes in the appendix.
 */
import { OUTCOME_LABEL, resultOutcome } from '../../../shared/outcome';
import { summariseResult } from '../../../shared/result-summary';
import { POSTURE_LABEL, STARTTLS_LABEL } from '../report/labels';
import { domainLabel, type ReportItem } from '../report/source';
import { SIZE, type ReportPdf } from './document';
import { anchorOf } from './findings';
import { OUTCOME_COLOUR } from '../report/outcome-colours';
import { PdfTable } from './table';

export class CompactTable {
  private table: PdfTable | undefined;

  constructor(private readonly pdf: ReportPdf, private readonly count: number) {}

  row(item: ReportItem, index: number): void {
    if (!this.table) {
      this.pdf.section('Domains without defects', 'no-defects');
      this.pdf.paragraph(`${this.count} domain(s) have no finding that needs action. They are listed here in one row each; the appendix gives each one's evidence hash, and evidence.json its full evidence.`);
      this.table = new PdfTable(this.pdf, [
        { header: 'Domain', share: 0.34 }, { header: 'Outcome', share: 0.17 }, { header: 'Policy posture', share: 0.16 }, { header: 'STARTTLS', share: 0.2 }, { header: 'Facts', share: 0.13, align: 'right' },
      ], SIZE.small - 0.5);
    }
    const r = item.result;
    const s = summariseResult(r);
    const outcome = resultOutcome(r).outcome;
    this.table.row({
      cells: [domainLabel(r), OUTCOME_LABEL[outcome], POSTURE_LABEL[r.posture] ?? r.posture, STARTTLS_LABEL[s.starttls], String(r.findings.length)],
      fills: [undefined, OUTCOME_COLOUR[outcome].fill], anchor: anchorOf(index),
    });
  }

  end(): void {
    this.table?.end();
  }
}
