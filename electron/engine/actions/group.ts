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

/**
 * Where each group keeps its example action (the first domain's, with its exact values) until the estate's
 * order is known. Most root causes are a domain's own, so an estate of 100,000 domains has about as many
 * examples, nearly 2 KB each as objects: a caller of that size keeps them outside the heap (the workbook spills
 * them to a temporary SQLite file, io/report/action-examples.ts).
 */
export interface ExampleShelf {
  /** Keeps an example; returns the key to get it back with. */
  put(example: Action): number;
  get(key: number): Action;
}

export class MemoryShelf implements ExampleShelf {
  private readonly examples: Action[] = [];
  put(example: Action): number { return this.examples.push(example) - 1; }
  get(key: number): Action { return this.examples[key]!; }
}

/** A group as few objects as possible: most have one domain, kept as a string until a second one comes. */
interface Group {
  rootCause: string;
  /** The example's key on the shelf. */
  example: number;
  kind: Action['kind'];
  exampleTitle: string;
  domains: string | Set<string>;
  hosts: Set<string> | undefined;
  outcome: Outcome;
  stage: Action['stage'];
  severity: Action['severity'];
}

const domainCount = (g: Group) => (typeof g.domains === 'string' ? 1 : g.domains.size);
const hostCount = (g: Group) => g.hosts?.size ?? 0;

function title(g: Group): string {
  const n = domainCount(g);
  if (n > 1 && g.kind === 'policy-host') return `Fix the policy web server ${g.rootCause.slice('policy-host:'.length)}, shared by ${n} domains`;
  return g.exampleTitle;
}

/**
 * Groups actions item by item, so a caller streaming an estate keeps only the groups (one per root cause, with
 * its domain names), never every domain's actions: at 100,000 domains those were most of an export's memory.
 */
export class ActionGrouper {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly examples: ExampleShelf = new MemoryShelf()) {}

  add(item: ActionItem): void {
    for (const a of item.actions) {
      const moved: Outcome = a.stage === 'hygiene' ? 'protected' : item.outcome;
      const g = this.groups.get(a.rootCause);
      if (!g) {
        this.groups.set(a.rootCause, {
          rootCause: a.rootCause, example: this.examples.put(a), kind: a.kind, exampleTitle: a.title, domains: item.domain,
          hosts: a.hosts.length > 0 ? new Set(a.hosts) : undefined, outcome: moved, stage: a.stage, severity: a.severity,
        });
        continue;
      }
      if (typeof g.domains === 'string') {
        if (g.domains !== item.domain) g.domains = new Set([g.domains, item.domain]);
      } else {
        g.domains.add(item.domain);
      }
      for (const h of a.hosts) (g.hosts ??= new Set()).add(h);
      if (outcomeRank(moved) < outcomeRank(g.outcome)) g.outcome = moved;
      if (ACTION_STAGES.indexOf(a.stage) < ACTION_STAGES.indexOf(g.stage)) g.stage = a.stage;
      if (severityRank(a.severity) < severityRank(g.severity)) g.severity = a.severity;
    }
  }

  /** The estate's actions in priority order; each one's example is read from the shelf when asked for. */
  result(): EstateAction[] {
    const sorted = [...this.groups.values()].sort((a, b) =>
      outcomeRank(a.outcome) - outcomeRank(b.outcome)
      || domainCount(b) - domainCount(a)
      || hostCount(b) - hostCount(a)
      || severityRank(a.severity) - severityRank(b.severity)
      || ACTION_STAGES.indexOf(a.stage) - ACTION_STAGES.indexOf(b.stage)
      || a.rootCause.localeCompare(b.rootCause));
    const shelf = this.examples;
    return sorted.map((g, i) => {
      const fields = actionFields(g, i + 1);
      // Kept in memory, the example is a plain property, so the action survives structured cloning (IPC).
      return shelf instanceof MemoryShelf ? { ...fields, example: shelf.get(g.example) } : new ShelvedAction(fields, g.example, shelf);
    });
  }
}

function actionFields(g: Group, priority: number): Omit<EstateAction, 'example'> {
  return {
    rootCause: g.rootCause, kind: g.kind, stage: g.stage, title: title(g), priority, outcome: g.outcome,
    domains: typeof g.domains === 'string' ? [g.domains] : [...g.domains].sort(), hosts: g.hosts ? [...g.hosts].sort() : [],
    severity: g.severity,
  };
}

/**
 * An estate action whose example stays on its shelf until read. The getter is the class's: an object literal
 * with a getter of its own is kept by V8 as a dictionary, about 800 bytes for each of 110,000 actions.
 */
class ShelvedAction implements EstateAction {
  readonly #shelf: ExampleShelf;
  readonly #example: number;
  readonly rootCause: string;
  readonly kind: Action['kind'];
  readonly stage: Action['stage'];
  readonly title: string;
  readonly priority: number;
  readonly outcome: Outcome;
  readonly domains: string[];
  readonly hosts: string[];
  readonly severity: Action['severity'];

  constructor(f: Omit<EstateAction, 'example'>, example: number, shelf: ExampleShelf) {
    this.#shelf = shelf;
    this.#example = example;
    this.rootCause = f.rootCause;
    this.kind = f.kind;
    this.stage = f.stage;
    this.title = f.title;
    this.priority = f.priority;
    this.outcome = f.outcome;
    this.domains = f.domains;
    this.hosts = f.hosts;
    this.severity = f.severity;
  }

  get example(): Action {
    return this.#shelf.get(this.#example);
  }
}

export function groupActions(items: Iterable<ActionItem>): EstateAction[] {
  const grouper = new ActionGrouper();
  for (const item of items) grouper.add(item);
  return grouper.result();
}
