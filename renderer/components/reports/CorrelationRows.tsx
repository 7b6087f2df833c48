import type { MxCorrelation, ObservedFailure } from '../../../shared/tlsrpt';
import { catalogueEntry, isFindingCode } from '../../../shared/findings';
import { formatInt } from '../../format';
import { CorrelationBadge } from './CorrelationBadge';

const title = (code: string) => (isFindingCode(code) ? catalogueEntry(code).title : code);
const plural = (n: number, one: string) => `${formatInt(n)} ${one}${n === 1 ? '' : 's'}`;
const day = (iso: string) => iso.slice(0, 10);

function Observed({ o, withSenders }: { o: ObservedFailure; withSenders: boolean }) {
  const when = day(o.first) === day(o.last) ? `on ${day(o.first)}` : `${day(o.first)} to ${day(o.last)}`;
  return (
    <li>
      {plural(o.sessions, 'failed session')} of <span className="mono">{o.resultType}</span> from {plural(o.senders.length, 'sender')}
      {withSenders && (
        <div className="muted small">
          {o.senders.length > 0 && <>sending MTAs <span className="mono">{o.senders.slice(0, 8).join(', ')}{o.senders.length > 8 ? ', …' : ''}</span> · </>}
          reported by {o.organizations.join(', ')} · {when}
          {o.receivingIps.length > 0 && <> · at <span className="mono">{o.receivingIps.join(', ')}</span></>}
        </div>
      )}
    </li>
  );
}

/**
 * Per MX (and the policy as a whole when it has something to say): what the audit predicts next to what
 * senders reported, the class, and the engine's sentence saying what that means here.
 */
export function CorrelationRows({ rows, caption }: { rows: MxCorrelation[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table corr-table" aria-label={caption}>
        <thead><tr><th>Mail host</th><th>Comparison</th><th>The audit predicts</th><th>Senders reported</th></tr></thead>
        <tbody>
          {rows.map((r) => {
            const predicted = [...new Set(r.predicted.map((p) => title(p.code)))];
            return [
              <tr key={`${r.mx}`} className="corr-row" data-class={r.class}>
                <td>{r.mx === null ? 'the policy (whole domain)' : <span className="mono">{r.mx}</span>}{!r.inAudit && <div className="muted small">not found by the audit</div>}</td>
                <td><CorrelationBadge cls={r.class} /></td>
                <td>{predicted.length ? <ul className="plain-list">{predicted.map((p) => <li key={p}>{p}</li>)}</ul> : r.undeliverable ? 'undeliverable for a strict sender' : <span className="muted">no failure</span>}</td>
                <td>{r.observed.length ? <ul className="plain-list">{r.observed.map((o) => <Observed key={o.resultType} o={o} withSenders={r.class === 'observed-not-predicted'} />)}</ul> : <span className="muted">{r.class === 'no-reports' ? 'no report' : 'no failure'}</span>}</td>
              </tr>,
              <tr key={`${r.mx}-text`} className="corr-text"><td colSpan={4}>{r.text}</td></tr>,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
