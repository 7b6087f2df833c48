import type { TlsSessionEvidence } from '../../shared/types';
import { CertificateCard } from './CertificateCard';

/**
 * The chain's verdict in words that agree with the findings: a chain that leads to a trusted authority but
 * fails validation (expired, not yet valid) is not "trusted".
 */
function chainVerdict(tls: TlsSessionEvidence) {
  if (tls.chainTrusted && !tls.chainError) return <span className="ok-text">trusted</span>;
  if (tls.chainError === 'CERT_HAS_EXPIRED') return <><span className="bad-text">not valid: a certificate has expired</span> <span className="muted mono">({tls.chainError})</span></>;
  return <><span className="bad-text">not trusted</span>{tls.chainError && <span className="muted mono"> ({tls.chainError})</span>}</>;
}

/** A TLS handshake as observed: protocol, cipher, the trust and name verdicts, and the chain presented. */
export function TlsSession({ tls }: { tls: TlsSessionEvidence }) {
  return (
    <div className="tls">
      <dl className="kv">
        <dt>Protocol</dt><dd>{tls.protocol} <span className="muted">· {tls.cipher}</span></dd>
        <dt>Chain</dt><dd>{chainVerdict(tls)}{tls.completedVia && <span className="muted"> (complete only with <span className="mono">{tls.completedVia}</span>, which senders do not fetch)</span>}</dd>
        <dt>Name</dt><dd><span className={tls.nameValid ? 'ok-text' : 'bad-text'}>{tls.nameValid ? 'matches' : 'does not match'}</span> <span className="mono">{tls.referenceName}</span></dd>
      </dl>
      {tls.chain.map((c, i) => <CertificateCard key={`${c.fingerprintSha256}-${i}`} cert={c} position={i} />)}
    </div>
  );
}
