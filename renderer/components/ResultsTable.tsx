import type { ResultRow } from '../../shared/ipc';
import { catalogueEntry } from '../../shared/findings';
import type { ResultsState } from '../hooks/useResults';
import { problemCodes } from '../finding-groups';
import { formatMs } from '../format';
import { OutcomeBadge, PostureBadge, SeverityBadge } from './Badges';
import { VirtualTable, type Column } from './VirtualTable';

function DomainCell({ row }: { row: ResultRow }) {
  if (row.domain === '') return <span className="ellipsis" title={row.input}><span className="mono strong">“{row.input}”</span> <span className="muted small">not a domain</span></span>;
  return <span className="mono strong ellipsis" title={row.input === row.domain ? row.domain : `${row.domain}\nimported as ${row.input}`}>{row.domain}</span>;
}

function ProblemsCell({ row }: { row: ResultRow }) {
  const codes = problemCodes(row.codes);
  if (codes.length === 0) return <span className="muted small">{row.findingCount > 0 ? 'none (facts only)' : 'none'}</span>;
  return (
    <span className="codes ellipsis" title={codes.map((c) => `${c} — ${catalogueEntry(c).title}`).join('\n')}>
      {codes.map((c, i) => <span key={c} className={`sev-text-${catalogueEntry(c).severity}`}>{i > 0 && <span className="code-sep"> · </span>}{c}</span>)}
    </span>
  );
}

const COLUMNS: Column<ResultRow>[] = [
  { key: 'domain', label: 'Domain', width: 'minmax(272px, 1.6fr)', sort: 'domain', render: (r) => <DomainCell row={r} /> },
  { key: 'outcome', label: 'Outcome', width: '138px', sort: 'outcome', hint: 'What the findings mean for the domain\'s mail, worst first', render: (r) => <OutcomeBadge outcome={r.outcome} /> },
  { key: 'posture', label: 'Posture', width: '104px', sort: 'posture', render: (r) => <PostureBadge posture={r.posture} /> },
  { key: 'severity', label: 'Worst', width: '86px', sort: 'severity', render: (r) => (r.worstSeverity ? <SeverityBadge severity={r.worstSeverity} /> : <span className="muted">—</span>) },
  { key: 'findings', label: 'Findings', width: '76px', sort: 'findings', align: 'right', hint: 'Every finding of the domain, info-level facts included', render: (r) => r.findingCount },
  { key: 'codes', label: 'Problems (worst first)', width: 'minmax(130px, 1.6fr)', hint: 'Problem codes (critical to low), most severe first; facts are left out', render: (r) => <ProblemsCell row={r} /> },
  { key: 'duration', label: 'Time', width: '70px', sort: 'duration', align: 'right', render: (r) => <span className="muted nowrap">{formatMs(r.durationMs)}</span> },
];

interface Props {
  results: ResultsState;
  sort?: string;
  desc?: boolean;
  onSort(key: string): void;
  onOpen(row: ResultRow, index: number): void;
  initialActive?: number;
  onActiveChange?(index: number): void;
  autoFocus?: boolean;
}

/** The audited domains of a run, fetched page by page as it scrolls. */
export function ResultsTable({ results, ...rest }: Props) {
  return <VirtualTable label="Results" columns={COLUMNS} count={results.total ?? 0} rowAt={results.rowAt} onRange={results.ensure} version={results.version} {...rest} />;
}
