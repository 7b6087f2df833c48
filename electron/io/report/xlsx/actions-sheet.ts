/**
 * "Actions": what to do across the estate, one row per root cause, most urgent first (the priority of
 * groupActions: the worst outcome it moves, then the most domains), with why, the steps and the exact values
 * to publish (records, the policy file, certificates' names). "Action domains" lists every domain each action
 * fixes, one row per action and domain; the action's row lists them too when they are few.
 *
 * The actions are derived from each result during the census and Domains pass (workbook.ts), then grouped: most root
 * causes are a domain's own, so grouping keeps nearly every domain's actions as examples anyway, and reading
 * every result once more (inflating and parsing it) cost a sixth of the export.
 */
import { ACTION_STAGE_LABEL, type EstateAction, type Publish } from '../../../../shared/actions';
import { isFindingCode } from '../../../../shared/findings';
import { OUTCOME_LABEL, resultOutcome } from '../../../../shared/outcome';
import { SEVERITY_LABEL } from '../../../../shared/labels';
import { deriveActions } from '../../../engine/actions';
import { ActionGrouper, type ExampleShelf } from '../../../engine/actions/group';
import { OUTCOME_COLOUR } from '../outcome-colours';
import type { DomainResult } from '../../../../shared/types';
import { domainLabel } from '../source';
import type { Book } from './book';
import { cellLink, type CellInput } from './cell';
import { severityNumber } from './findings-sheet';
import { SheetPlan, type RowPosition } from './sheet-plan';
import { SheetSeries } from './sheet-series';
import { fillStyle, type ColumnSpec } from './sheet';

export const ACTIONS_SHEET = 'Actions';
export const ACTION_DOMAINS_SHEET = 'Action domains';
const MAX_LISTED_DOMAINS = 50;

const COLUMNS: ColumnSpec[] = [
  { header: 'Priority (1 = first)', width: 10 }, { header: 'What to do', width: 44, wrap: true }, { header: 'Stage', width: 18 },
  { header: 'Worst outcome it moves', width: 18 }, { header: 'Severity', width: 10 }, { header: 'Severity rank (1 = critical)', width: 10 },
  { header: 'Domains', width: 9 }, { header: 'Domains it fixes', width: 44, wrap: true }, { header: 'Why', width: 50, wrap: true },
  { header: 'Steps', width: 70, wrap: true }, { header: 'Publish exactly (example: the first domain)', width: 80, wrap: true },
  { header: 'Hosts', width: 30, wrap: true }, { header: 'Root cause', width: 30 },
];
const DOMAIN_COLUMNS: ColumnSpec[] = [{ header: 'Priority', width: 10 }, { header: 'What to do', width: 60 }, { header: 'Domain', width: 40 }];

const PUBLISH_KIND: Record<Publish['kind'], string> = {
  'dns-txt': 'TXT record', 'dns-mx': 'MX record', 'dns-tlsa': 'TLSA record', 'dns-delete': 'Delete the record',
  'policy-file': 'Policy file', 'http-header': 'HTTP header', certificate: 'Certificate',
};

export function publishText(p: Publish[]): string | undefined {
  if (p.length === 0) return undefined;
  return p.map((x) => `${PUBLISH_KIND[x.kind] ?? x.kind} ${x.name}:\n${x.value}`).join('\n\n');
}

export interface ActionPlan {
  /** The estate's actions in priority order. */
  estate: EstateAction[];
}

/** Collects every domain's actions, result by result in results() order, then groups them across the estate. */
export class ActionCollector {
  private readonly groups;

  constructor(private readonly now: Date, examples?: ExampleShelf) {
    this.groups = new ActionGrouper(examples);
  }

  /** Adds a result's actions; returns its first action's title (the Domains sheet's "Next action"). */
  add(result: DomainResult): string | undefined {
    // A code this version does not know (a run stored by a newer one) has no action here; the Findings sheet
    // still lists it.
    const known = result.findings.every((f) => isFindingCode(f.code)) ? result : { ...result, findings: result.findings.filter((f) => isFindingCode(f.code)) };
    const actions = deriveActions(known, this.now).actions;
    this.groups.add({ domain: domainLabel(result), outcome: resultOutcome(result).outcome, actions });
    return actions[0]?.title;
  }

  plan(): ActionPlan {
    return { estate: this.groups.result() };
  }
}

function domainsCell(a: EstateAction, at: RowPosition | undefined): CellInput {
  if (a.domains.length <= MAX_LISTED_DOMAINS || !at) return a.domains.join(', ');
  return cellLink(`all ${a.domains.length} domains: sheet ${at.sheet}, from row ${at.row}`, at.sheet, at.row);
}

export async function writeActionsSheets(book: Book, actions: EstateAction[]): Promise<void> {
  const sheet = new SheetSeries(book, ACTIONS_SHEET, COLUMNS, 2);
  const plan = new SheetPlan(ACTION_DOMAINS_SHEET, book.maxRows);
  for (const a of actions) {
    const e = a.example;
    const steps = e.steps.length > 1 ? e.steps.map((s, i) => `${i + 1}. ${s}`).join('\n') : e.steps[0];
    await sheet.add(String(a.priority), [
      a.priority, a.title, ACTION_STAGE_LABEL[a.stage], OUTCOME_LABEL[a.outcome], SEVERITY_LABEL[a.severity], severityNumber(a.severity),
      a.domains.length, domainsCell(a, plan.placeBlock(a.domains.length)), e.why, steps, publishText(e.publish), a.hosts.join(', '), a.rootCause,
    ], [undefined, undefined, undefined, fillStyle(OUTCOME_COLOUR[a.outcome].fill)]);
  }
  if (actions.length === 0) await sheet.add('', [undefined, 'Nothing to do: no finding calls for an action.']);
  sheet.finish();
  const domains = new SheetSeries(book, ACTION_DOMAINS_SHEET, DOMAIN_COLUMNS, 1);
  for (const a of actions) await domains.addBlock(String(a.priority), a.domains.map((d) => ({ values: [a.priority, a.title, d] })));
  domains.finish();
}
