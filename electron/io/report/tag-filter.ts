/**
 * A run's ReportSource narrowed to the domains with one tag value (one owner's workbook or PDF). Which rows
 * match is decided in the store by the results table's own rule (taggedEntries), so an export filtered by
 * "owner = Sales" holds exactly the rows the table shows under that filter. Everything derived from the
 * results follows: the MX hosts list only the kept domains, the changes since the previous audit only the
 * domains tagged so in either audit, and the counts (imported, audited) are those of the kept rows.
 */
import type Database from 'better-sqlite3';
import { taggedEntries } from '../../store/result-list';
import type { TagFilter } from '../../../shared/tags';
import type { DomainComparison } from '../../engine/compare';
import type { ReportItem, ReportSource } from './source';

export function tagFiltered(db: Database.Database, whole: ReportSource, tag: TagFilter, previousRunId: number | undefined): ReportSource {
  const kept = taggedEntries(db, whole.run.id, tag);
  // A domain in this audit is in scope by its tag here; one that left the estate since the previous audit
  // (out-of-scope) by the tag it carried there.
  const before = previousRunId === undefined ? new Set<string>() : taggedEntries(db, previousRunId, tag).domains;
  const inScope = (c: DomainComparison) => (c.changeClass === 'out-of-scope' ? before : kept.domains).has(c.domain);
  const prev = whole.previous;
  return {
    run: { ...whole.run, total: kept.ids.size },
    results: () => ({
      *[Symbol.iterator]() {
        // The store's items carry their run_domains id (iterateResults); a source without ids keeps nothing.
        for (const item of whole.results() as Iterable<ReportItem & { runDomainId?: number }>) {
          if (item.runDomainId !== undefined && kept.ids.has(item.runDomainId)) yield item;
        }
      },
    }),
    mxProbes: () => ({
      *[Symbol.iterator]() {
        for (const use of whole.mxProbes()) {
          const domains = use.domains.filter((d) => kept.domains.has(d));
          if (domains.length > 0) yield { probe: use.probe, domains };
        }
      },
    }),
    // findingsByDomain is left out: it names domains by label only, which cannot tell two rows of one domain
    // apart; the readers take the findings from results() instead.
    previous: prev && {
      run: prev.run,
      comparisons: () => ({
        *[Symbol.iterator]() {
          for (const c of prev.comparisons()) if (inScope(c)) yield c;
        },
      }),
    },
    // Senders' reports for the kept domains only; reports for domains outside the audit belong to no owner.
    tlsrpt: whole.tlsrpt && ((at: Date) => {
      const c = whole.tlsrpt!(at);
      return c && { ...c, domains: c.domains.filter((d) => kept.domains.has(d.domain)), outside: [] };
    }),
    filter: { tag, matched: kept.ids.size, of: whole.run.total },
  };
}
