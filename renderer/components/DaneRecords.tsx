import type { TlsaEvidence } from '../../shared/types';

/** The TLSA records of an MX host and which of them matched the certificate it presented. */
export function DaneRecords({ tlsa }: { tlsa: TlsaEvidence }) {
  return (
    <div className="dane">
      <h4>DANE <span className="mono muted">{tlsa.owner}</span></h4>
      <p className="muted small">
        {tlsa.outcome === 'ok' ? `${tlsa.records.length} TLSA record${tlsa.records.length === 1 ? '' : 's'}` : `lookup: ${tlsa.outcome}`}
        {' · '}{tlsa.authenticated ? 'DNSSEC-authenticated (AD)' : 'not DNSSEC-authenticated'}
      </p>
      {tlsa.records.length > 0 && (
        <table className="data-table compact">
          <thead><tr><th>Usage</th><th>Selector</th><th>Match</th><th>Data</th><th>Usable</th><th>Matched</th></tr></thead>
          <tbody>
            {tlsa.records.map((r, i) => (
              <tr key={i}>
                <td>{r.usage}</td><td>{r.selector}</td><td>{r.matchingType}</td>
                <td className="mono small break">{r.data}</td>
                <td>{r.usable ? 'yes' : 'no'}</td>
                <td className={r.matched ? 'ok-text' : 'bad-text'}>{r.matched ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
