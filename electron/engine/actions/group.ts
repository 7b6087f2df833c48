/**
 * Across an estate, the same fix shows up in many domains: one MX certificate renewed at a provider ends the
 * finding for every domain using that MX. Actions are grouped by root cause and ordered:
 *   1. outcome: the worst outcome among the domains the action moves, worst first (at risk before broken
 *      before unprotected …); a tidy-up action moves no outcome, so it counts as "protected";
 *   2. then the number of domains it helps, most first;
 *   3. then the number of MX or policy hosts it concerns, most first;
 *   4. ties: worst severity, earlier stage, then the root cause's name, so the order is stable.
 * `priority` is the 1-based position in that order: 1 is the first thing to do.
 */
import { ACTION_STAGES, type Action, type EstateAction } from '../../../shared/actions';
import { severityRank } from '../../../shared/findings';
import { outcomeRank, type Outcome } from '../../../shared/outcome';

export interface ActionItem {
  domain: string;
  outcome: Outcome;
  actions: Action[];
}

interface Group {
  example: Action;
  domains: Set<string>;
  hosts: Set<string>;
  outcome: Outcome;
  stage: Action['stage'];
  severity: Action['severity'];
}

function title(g: Group): string {
  const n = g.domains.size;
  if (n > 1 && g.example.kind === 'policy-host') return `Fix the policy web server ${g.example.rootCause.slice('policy-host:'.length)}, shared by ${n} domains`;
  return g.example.title;
}

/**
 * Groups actions item by item, so a caller streaming an estate keeps only the groups (one per root cause, with
 * its domain names), never every domain's actions: at 100,000 domains those were most of an export's memory.
 */
export class ActionGrouper {
  private readonly groups = new Map<string, Group>();

  add(item: ActionItem): void {
    for (const a of item.actions) {
      const moved: Outcome = a.stage === 'hygiene' ? 'protected' : item.outcome;
      const g = this.groups.get(a.rootCause);
      if (!g) {
        this.groups.set(a.rootCause, { example: a, domains: new Set([item.domain]), hosts: new Set(a.hosts), outcome: moved, stage: a.stage, severity: a.severity });
        continue;
      }
      g.domains.add(item.domain);
      for (const h of a.hosts) g.hosts.add(h);
      if (outcomeRank(moved) < outcomeRank(g.outcome)) g.outcome = moved;
      if (ACTION_STAGES.indexOf(a.stage) < ACTION_STAGES.indexOf(g.stage)) g.stage = a.stage;
      if (severityRank(a.severity) < severityRank(g.severity)) g.severity = a.severity;
    }
  }

  /** The estate's actions in priority order. */
  result(): EstateAction[] {
    const sorted = [...this.groups.values()].sort((a, b) =>
      outcomeRank(a.outcome) - outcomeRank(b.outcome)
      || b.domains.size - a.domains.size
      || b.hosts.size - a.hosts.size
      || severityRank(a.severity) - severityRank(b.severity)
      || ACTION_STAGES.indexOf(a.stage) - ACTION_STAGES.indexOf(b.stage)
      || a.example.rootCause.localeCompare(b.example.rootCause));
    return sorted.map((g, i) => ({
      rootCause: g.example.rootCause, kind: g.example.kind, stage: g.stage, title: title(g), priority: i + 1, outcome: g.outcome,
      domains: [...g.domains].sort(), hosts: [...g.hosts].sort(), severity: g.severity, example: g.example,
    }));
  }
}

export function groupActions(items: Iterable<ActionItem>): EstateAction[] {
  const grouper = new ActionGrouper();
  for (const item of items) grouper.add(item);
  return grouper.result();
}
