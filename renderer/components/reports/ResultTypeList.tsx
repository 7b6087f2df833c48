import type { ResultTypeCount } from '../../../shared/tlsrpt';
import { formatInt } from '../../format';

/** Failed sessions by result type (RFC 8460 §4.3, as senders name them), with a bar for each. */
export function ResultTypeList({ counts }: { counts: ResultTypeCount[] }) {
  if (counts.length === 0) return <p className="muted">Senders reported no failed session.</p>;
  const max = Math.max(...counts.map((c) => c.sessions));
  return (
    <ul className="result-types" aria-label="Failed sessions by result type">
      {counts.map((c) => (
        <li key={c.resultType}>
          <span className="mono">{c.resultType}</span>
          <span className="result-type-bar" aria-hidden="true"><i style={{ width: `${Math.max(2, (c.sessions / max) * 100)}%` }} /></span>
          <span className="num">{formatInt(c.sessions)}</span>
        </li>
      ))}
    </ul>
  );
}
