import type { TagGroup } from '../../shared/ipc';
import { OUTCOMES, OUTCOME_LABEL } from '../../shared/outcome';
import { formatInt } from '../format';

interface Props {
  group: TagGroup;
  onOpen(value: string): void;
}

/** The run's domains grouped by one tag: per value, the domains and their outcomes; a row lists those domains. */
export function TagGroupTable({ group, onOpen }: Props) {
  const shown = OUTCOMES.filter((o) => group.values.some((v) => v.outcomeCounts[o]));
  return (
    <div className="table-scroll">
      <table className="data-table compact tag-groups" aria-label={`Domains by ${group.name}`}>
        <thead>
          <tr>
            <th>{group.name}</th>
            <th className="num">Domains</th>
            {shown.map((o) => <th key={o} className="num"><span className={`swatch outcome-${o}`} aria-hidden="true" /> {OUTCOME_LABEL[o]}</th>)}
          </tr>
        </thead>
        <tbody>
          {group.values.map((v) => (
            <tr key={v.value}>
              <td><button type="button" className="link-button" onClick={() => onOpen(v.value)}>{v.value === '' ? <span className="muted">(no {group.name})</span> : v.value}</button></td>
              <td className="num">{formatInt(v.count)}</td>
              {shown.map((o) => <td key={o} className="num">{v.outcomeCounts[o] ? formatInt(v.outcomeCounts[o]) : <span className="muted">·</span>}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {group.more > 0 && <p className="muted small">{formatInt(group.more)} more values with fewer domains are not listed.</p>}
    </div>
  );
}
