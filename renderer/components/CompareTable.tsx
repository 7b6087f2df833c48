import type { ComparisonRow } from '../../shared/ipc';
import { ChangeClassBadge, OutcomeBadge } from './Badges';
import { VirtualTable, type Column } from './VirtualTable';

const COLUMNS: Column<ComparisonRow>[] = [
  { key: 'domain', label: 'Domain', width: 'minmax(160px, 1.4fr)', render: (r) => <span className="mono strong ellipsis" title={r.domain}>{r.domain}</span> },
  { key: 'class', label: 'Change', width: '150px', render: (r) => <ChangeClassBadge changeClass={r.changeClass} /> },
  {
    key: 'outcome', label: 'Outcome', width: '270px',
    render: (r) => <span className="posture-change">{r.before ? <OutcomeBadge outcome={r.before.outcome} /> : <span className="muted">—</span>}<span aria-label="became">→</span>{r.after ? <OutcomeBadge outcome={r.after.outcome} /> : <span className="muted">—</span>}</span>,
  },
  {
    key: 'problems', label: 'Problems', width: 'minmax(100px, 1fr)',
    render: (r) => (
      <span className="ellipsis small">
        {r.defectsNew.length > 0 && <span className="bad-text">+{r.defectsNew.length} new </span>}
        {r.defectsFixed.length > 0 && <span className="ok-text">−{r.defectsFixed.length} fixed</span>}
        {r.defectsNew.length + r.defectsFixed.length === 0 && <span className="muted">—</span>}
      </span>
    ),
  },
  {
    key: 'changes', label: 'What changed', width: 'minmax(160px, 2fr)',
    render: (r) => <span className="ellipsis">{r.changes.length > 1 && <span className="count-pill inline-pill">{r.changes.length}</span>}{r.changes.map((c) => c.detail).join(' · ') || '—'}</span>,
  },
];

/** The domains that differ between two audits; Enter, Space or a click opens a row's full detail. */
export function CompareTable({ rows, onOpen }: { rows: ComparisonRow[]; onOpen(row: ComparisonRow): void }) {
  return <VirtualTable label="Changes" columns={COLUMNS} count={rows.length} rowAt={(i) => rows[i]} onOpen={onOpen} rowHeight={40} />;
}
