import type { TlsSessionEvidence } from '../../shared/types';
import { CertificateCard } from './CertificateCard';

const yesNo = (ok: boolean, yes: string, no: string) => <span className={ok ? 'ok-text' : 'bad-text'}>{ok ? yes : no}</span>;

/** A TLS handshake as observed: protocol, cipher, the trust and name verdicts, and the chain presented. */
export function TlsSession({ tls }: { tls: TlsSessionEvidence }) {
  return (
    <div className="tls">
      <dl className="kv">
        <dt>Protocol</dt><dd>{tls.protocol} <span className="muted">· {tls.cipher}</span></dd>
        <dt>Chain</dt><dd>{yesNo(tls.chainTrusted, 'trusted', 'not trusted')}{tls.chainError && <span className="muted"> ({tls.chainError})</span>}</dd>
        <dt>Name</dt><dd>{yesNo(tls.nameValid, 'matches', 'does not match')} <span className="mono">{tls.referenceName}</span></dd>
      </dl>
      {tls.chain.map((c, i) => <CertificateCard key={`${c.fingerprintSha256}-${i}`} cert={c} position={i} />)}
    </div>
  );
}
