import { useMemo } from 'react';
import type { ResultRow } from '../../shared/ipc';
import { tagValue } from '../../shared/tags';
import { catalogueEntry } from '../../shared/findings';
import { plainText } from '../../shared/plain-language';
import type { ResultsState } from '../hooks/useResults';
import { problemCodes } from '../finding-groups';
import { formatMs } from '../format';
import { OutcomeBadge, PostureBadge, SeverityBadge } from './Badges';
import { VirtualTable, type Column } from './VirtualTable';

function DomainCell({ row }: { row: ResultRow }) {
  if (row.domain === '') return <span className="ellipsis" title={row.input}><span className="mono strong">“{row.input}”</span> <span className="muted small">not a domain</span></span>;
  return <span className="mono strong ellipsis" title={row.input === row.domain ? row.domain : `${row.domain}\nimported as ${row.input}`}>{row.domain}</span>;
}

/** The row's problems in plain words, worst first; the codes are the tooltip. */
function ProblemsCell({ row }: { row: ResultRow }) {
  const codes = problemCodes(row.codes);
  if (codes.length === 0) return <span className="muted small">none</span>;
  return (
    <span className="codes ellipsis" title={codes.map((c) => `${plainText(c).title} (${c})`).join('\n')}>
      {codes.map((c, i) => <span key={c} className={`sev-text-${catalogueEntry(c).severity}`}>{i > 0 && <span className="code-sep"> · </span>}{plainText(c).title}</span>)}
    </span>
  );
}

/** The worst problem's severity; a domain with facts only has no "worst" to show. */
function WorstCell({ row }: { row: ResultRow }) {
  return row.worstSeverity && row.worstSeverity !== 'info' ? <SeverityBadge severity={row.worstSeverity} /> : <span className="muted">—</span>;
}

const BASE_COLUMNS: Column<ResultRow>[] = [
  { key: 'domain', label: 'Domain', width: 'minmax(240px, 2.4fr)', sort: 'domain', render: (r) => <DomainCell row={r} /> },
  { key: 'outcome', label: 'Outcome', width: '150px', sort: 'outcome', hint: 'What the findings mean for the domain\'s mail, worst first', render: (r) => <OutcomeBadge outcome={r.outcome} /> },
  { key: 'posture', label: 'Posture', width: '112px', sort: 'posture', hideBelow: 800, render: (r) => <PostureBadge posture={r.posture} /> },
  { key: 'severity', label: 'Worst', width: '86px', sort: 'severity', render: (r) => <WorstCell row={r} /> },
  { key: 'problems', label: 'Problems', width: '76px', align: 'right', hideBelow: 1100, hint: 'Problems (critical to low) of the domain; info-level facts are not counted', render: (r) => problemCodes(r.codes).length || <span className="muted">0</span> },
  { key: 'codes', label: 'Problems (worst first)', width: 'minmax(130px, 2fr)', hint: 'The problems in plain words, most severe first; the codes are in the tooltip', render: (r) => <ProblemsCell row={r} /> },
  { key: 'duration', label: 'Time', width: '70px', sort: 'duration', align: 'right', render: (r) => <span className="muted nowrap">{formatMs(r.durationMs)}</span> },
];

/** Imported tags shown as columns of their own; the rest stay searchable, filterable and in the exports. */
export const TAG_COLUMNS = 3;

function tagColumn(name: string): Column<ResultRow> {
  return {
    key: `tag:${name}`, label: name, width: 'minmax(72px, 0.6fr)', hint: `Imported column “${name}”`, hideBelow: 940,
    render: (r) => { const v = tagValue(r.tags, name); return v ? <span className="ellipsis" title={v}>{v}</span> : <span className="muted">—</span>; },
  };
}

/** The fixed columns, with the first imported tags between the problems and the time. */
function columnsFor(tagNames: readonly string[]): Column<ResultRow>[] {
  const tags = tagNames.slice(0, TAG_COLUMNS).map(tagColumn);
  return [...BASE_COLUMNS.slice(0, -1), ...tags, BASE_COLUMNS[BASE_COLUMNS.length - 1]!];
}

interface Props {
  results: ResultsState;
  /** Imported tag names of the run, in import order. */
  tagNames?: readonly string[];
  sort?: string;
  desc?: boolean;
  onSort(key: string): void;
  onOpen(row: ResultRow, index: number): void;
  initialActive?: number;
  onActiveChange?(index: number): void;
  autoFocus?: boolean;
}

/** The audited domains of a run, fetched page by page as it scrolls. */
export function ResultsTable({ results, tagNames = [], ...rest }: Props) {
  const key = tagNames.slice(0, TAG_COLUMNS).join('\u0000');
  const columns = useMemo(() => columnsFor(key ? key.split('\u0000') : []), [key]);
  return <VirtualTable label="Results" columns={columns} rowHeight={32} count={results.total ?? 0} rowAt={results.rowAt} onRange={results.ensure} version={results.version} {...rest} />;
}
