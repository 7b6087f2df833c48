import type { RunProgressView } from '../../shared/ipc';
import { formatInt, formatMs } from '../format';

/** The domains being audited right now, the longest-running first, and what each still waits on. */
export function InFlight({ progress }: { progress: RunProgressView }) {
  const list = progress.inFlight ?? [];
  if (list.length === 0) return null;
  return (
    <section className="card" aria-labelledby="in-flight-heading">
      <h2 id="in-flight-heading">In progress <span className="count-pill">{formatInt(progress.inFlightCount ?? list.length)}</span></h2>
      <p className="muted small">The longest-running domains and what each is still waiting for.</p>
      <table className="data-table compact" aria-label="Domains in progress">
        <thead><tr><th>Domain</th><th className="num">Running for</th><th>Waiting for</th></tr></thead>
        <tbody>
          {list.map((f) => (
            <tr key={f.domain}>
              <td className="mono">{f.domain}</td>
              <td className="num nowrap">{formatMs(f.elapsedMs)}</td>
              <td>{f.waitingOn.length ? f.waitingOn.join(', ') : <span className="muted">saving</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
