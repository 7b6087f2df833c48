/**
 * Where a domain's rows will be on the sheets written after Domains (Findings, Facts, Evidence), so its row
 * can link to them. Each table's SheetPlan is replayed with the row counts its writer will use, in the same
 * domain order, so the prediction and the writing cannot disagree unless the two passes see different data;
 * the tests read every link back and check the row it lands on.
 */
import type { DomainResult } from '../../../../shared/types';
import { evidenceRowCount, EVIDENCE_SHEET } from './evidence-sheet';
import { FACTS_SHEET, FINDINGS_SHEET, isFact } from './findings-sheet';
import { SheetPlan, type RowPosition } from './sheet-plan';

export interface DomainRows {
  findings?: RowPosition;
  defects: number;
  facts?: RowPosition;
  factCount: number;
  evidence?: RowPosition;
  evidenceRows: number;
}

export class DomainLinks {
  private readonly findings: SheetPlan;
  private readonly facts: SheetPlan;
  private readonly evidence: SheetPlan;

  constructor(maxRows: number) {
    this.findings = new SheetPlan(FINDINGS_SHEET, maxRows);
    this.facts = new SheetPlan(FACTS_SHEET, maxRows);
    this.evidence = new SheetPlan(EVIDENCE_SHEET, maxRows);
  }

  /** The next domain's rows (call once per result, in import order). */
  next(r: DomainResult): DomainRows {
    const factCount = r.findings.filter(isFact).length;
    const defects = r.findings.length - factCount;
    const evidenceCount = evidenceRowCount(r);
    return {
      findings: this.findings.placeBlock(defects), defects,
      facts: this.facts.placeBlock(factCount), factCount,
      evidence: this.evidence.placeBlock(evidenceCount), evidenceRows: evidenceCount,
    };
  }
}
