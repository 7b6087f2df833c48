import type { DnsAnswer } from '../../shared/types';
import { recordText } from '../../shared/record-text';

/** Every DNS query of the audit, as asked and answered. */
export function DnsTable({ answers }: { answers: DnsAnswer[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table compact" aria-label="DNS queries">
        <thead><tr><th>Name</th><th>Type</th><th>Outcome</th><th>AD</th><th>Answer</th><th className="num">ms</th></tr></thead>
        <tbody>
          {answers.map((a, i) => (
            <tr key={i}>
              <td className="mono">{a.name}</td>
              <td>{a.type}</td>
              <td className={a.outcome === 'ok' ? undefined : 'warn-text'}>{a.outcome}{a.rcode && a.outcome !== 'ok' ? ` (${a.rcode})` : ''}</td>
              <td>{a.authenticated ? 'yes' : ''}</td>
              <td className="mono small break">
                {[...a.cnames.map((c) => `→ ${recordText(c)}`), ...a.records.map(recordText)].map((t, j) => <div key={j}>{t}</div>)}
                {a.error && <div className="muted">{a.error}</div>}
              </td>
              <td className="num muted">{Math.round(a.elapsedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
