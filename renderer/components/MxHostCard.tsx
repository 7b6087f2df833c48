import type { MxHostResult } from '../../shared/types';
import { formatMs } from '../format';
import { TlsSession } from './TlsSession';
import { DaneRecords } from './DaneRecords';

const verdict = (v: boolean | undefined, yes: string, no: string) =>
  v === undefined ? <span className="muted">n/a</span> : <span className={v ? 'ok-text' : 'bad-text'}>{v ? yes : no}</span>;

/** One MX host: policy coverage, the MTA-STS and DANE verdicts, and every STARTTLS probe of it. */
export function MxHostCard({ mx }: { mx: MxHostResult }) {
  return (
    <div className="mx-card">
      <div className="mx-head">
        <span className="mono strong">{mx.host}</span>
        <span className="muted">preference {mx.preference}</span>
        {mx.cnameTarget && <span className="muted">alias of <span className="mono">{mx.cnameTarget}</span></span>}
      </div>
      <dl className="kv">
        <dt>Addresses</dt><dd className="mono">{mx.addresses.join(', ') || '—'}</dd>
        <dt>Policy covers it</dt><dd>{verdict(mx.covered, 'yes', 'no')}{mx.coveringPattern && <span className="mono muted"> ({mx.coveringPattern})</span>}</dd>
        <dt>MTA-STS</dt><dd>{verdict(mx.mtaStsPass, 'passes', 'fails')}</dd>
        <dt>DANE</dt><dd>{verdict(mx.danePass, 'passes', 'fails')}</dd>
        <dt>Strict sender delivers</dt><dd>{verdict(mx.deliverable, 'yes', 'no')}</dd>
      </dl>
      {mx.probes.map((p) => (
        <details key={`${p.address}:${p.port}`} className="probe" open={p.outcome !== 'ok'}>
          <summary>
            STARTTLS probe <span className="mono">{p.address}:{p.port}</span> — <span className={p.outcome === 'ok' ? 'ok-text' : 'bad-text'}>{p.outcome}</span>
            <span className="muted"> · {formatMs(p.elapsedMs)}</span>
          </summary>
          <dl className="kv">
            {p.banner && <><dt>Banner</dt><dd className="mono break">{p.banner}</dd></>}
            {p.starttlsReply && <><dt>STARTTLS reply</dt><dd className="mono">{p.starttlsReply}</dd></>}
            {p.error && <><dt>Error</dt><dd>{p.error}{p.phase && <span className="muted"> (during {p.phase})</span>}</dd></>}
            {p.withoutSni && <><dt>Without SNI</dt><dd>{p.withoutSni.ok ? (p.withoutSni.nameValid ? 'same valid certificate' : 'a certificate for another name') : `handshake failed${p.withoutSni.error ? `: ${p.withoutSni.error}` : ''}`}</dd></>}
          </dl>
          {p.tls && <TlsSession tls={p.tls} />}
        </details>
      ))}
      {mx.tlsa && <DaneRecords tlsa={mx.tlsa} />}
    </div>
  );
}
