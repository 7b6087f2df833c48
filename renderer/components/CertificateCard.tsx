import type { CertificateSummary } from '../../shared/types';
import { formatDate } from '../format';

/** One certificate of a presented chain, with the facts that decide trust and name validity. */
export function CertificateCard({ cert, position }: { cert: CertificateSummary; position: number }) {
  // Expired is a failure (red); expiring within two weeks a warning (amber); the rest is a plain fact.
  const expiry = cert.daysLeft < 0 ? `expired ${-cert.daysLeft} days ago` : `${cert.daysLeft} days left`;
  const tone = cert.daysLeft < 0 ? 'bad-text' : cert.daysLeft < 14 ? 'warn-text' : 'muted';
  const key = [cert.keyType.toUpperCase(), cert.keyBits && `${cert.keyBits} bits`, cert.curve].filter(Boolean).join(' ');
  return (
    <div className="cert">
      <div className="cert-head">
        <span className="cert-pos">{position === 0 ? 'Leaf' : `Chain ${position}`}</span>
        <span className="mono strong">{cert.commonName ?? cert.subject}</span>
        {cert.selfSigned && <span className="badge sev-medium">self-signed</span>}
        {cert.isCA && <span className="badge neutral">CA</span>}
      </div>
      <dl className="kv">
        <dt>Names (SAN)</dt><dd className="mono">{cert.dnsNames.length ? cert.dnsNames.join(', ') : <span className="muted">none</span>}</dd>
        <dt>Issuer</dt><dd>{cert.issuer}</dd>
        <dt>Valid</dt><dd>{formatDate(cert.notBefore)} – {formatDate(cert.notAfter)} <span className={tone}>({expiry})</span></dd>
        <dt>Key</dt><dd>{key}{cert.signatureAlgorithm && <span className="muted"> · {cert.signatureAlgorithm}</span>}</dd>
        <dt>SHA-256</dt><dd className="mono small break">{cert.fingerprintSha256}</dd>
        <dt>SPKI SHA-256</dt><dd className="mono small break">{cert.spkiSha256}</dd>
      </dl>
    </div>
  );
}
