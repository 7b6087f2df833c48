import type { ComparisonRow } from '../../shared/ipc';
import { DIRECTION_LABEL } from '../labels';
import { PostureBadge } from './Badges';
import { VirtualTable, type Column } from './VirtualTable';

const COLUMNS: Column<ComparisonRow>[] = [
  { key: 'domain', label: 'Domain', width: 'minmax(180px, 1.4fr)', render: (r) => <span className="mono strong ellipsis" title={r.domain}>{r.domain}</span> },
  { key: 'direction', label: 'Change', width: '100px', render: (r) => <span className={`badge dir-${r.direction}`}>{DIRECTION_LABEL[r.direction]}</span> },
  {
    key: 'posture', label: 'Posture', width: '230px',
    render: (r) => <span className="posture-change">{r.before ? <PostureBadge posture={r.before.posture} /> : <span className="muted">—</span>}<span aria-label="became">→</span>{r.after ? <PostureBadge posture={r.after.posture} /> : <span className="muted">—</span>}</span>,
  },
  {
    key: 'changes', label: 'What changed', width: 'minmax(200px, 2.2fr)',
    render: (r) => <span className="ellipsis">{r.changes.length > 1 && <span className="count-pill inline-pill">{r.changes.length}</span>}{r.changes.map((c) => c.detail).join(' · ') || '—'}</span>,
  },
  {
    key: 'findings', label: 'Findings', width: 'minmax(150px, 1.2fr)',
    render: (r) => (
      <span className="ellipsis small">
        {r.newFindings.length > 0 && <span className="bad-text">+{r.newFindings.length} new </span>}
        {r.resolvedFindings.length > 0 && <span className="ok-text">−{r.resolvedFindings.length} resolved</span>}
        {r.newFindings.length + r.resolvedFindings.length === 0 && <span className="muted">—</span>}
      </span>
    ),
  },
];

/** The domains that differ between two audits; Enter, Space or a click opens a row's full detail. */
export function CompareTable({ rows, onOpen }: { rows: ComparisonRow[]; onOpen(row: ComparisonRow): void }) {
  return <VirtualTable label="Changes" columns={COLUMNS} count={rows.length} rowAt={(i) => rows[i]} onOpen={onOpen} rowHeight={40} />;
}
