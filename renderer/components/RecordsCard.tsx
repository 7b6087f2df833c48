import type { DomainResult } from '../../shared/types';

const validity = (valid: boolean) => <span className={valid ? 'ok-text' : 'bad-text'}>{valid ? 'valid' : 'invalid'}</span>;

const MX_KIND: Record<DomainResult['mxKind'], string> = {
  explicit: 'MX records',
  implicit: 'no MX: mail goes to the domain’s own address (implicit MX)',
  null: 'null MX: the domain accepts no mail',
  none: 'no MX and no address: the domain accepts no mail',
  nxdomain: 'the domain does not exist',
  error: 'the MX lookup failed',
};

/** The published records at a glance: _mta-sts TXT, the parsed policy, _smtp._tls TXT, MX. */
export function RecordsCard({ result }: { result: DomainResult }) {
  const { stsRecord, policy, tlsrpt } = result;
  return (
    <dl className="kv wide">
      <dt>MTA-STS record</dt>
      <dd>{stsRecord ? <><span className="mono break">{stsRecord.text}</span> {validity(stsRecord.valid)}</> : <span className="muted">none published</span>}</dd>
      <dt>Policy</dt>
      <dd>
        {policy ? (
          <>{validity(policy.valid)} · mode <strong>{policy.mode ?? '—'}</strong> · max_age {policy.maxAge ?? '—'} · mx <span className="mono">{policy.mx.join(', ') || '—'}</span></>
        ) : <span className="muted">not fetched</span>}
      </dd>
      <dt>TLS-RPT record</dt>
      <dd>{tlsrpt ? <>{validity(tlsrpt.valid)} <span className="mono break">{tlsrpt.rua.join(', ')}</span></> : <span className="muted">none published</span>}</dd>
      <dt>Mail hosts</dt>
      <dd>{MX_KIND[result.mxKind]}{result.mx.length > 0 && <>: <span className="mono">{result.mx.map((m) => m.host).join(', ')}</span></>}</dd>
      {result.smtpNotTested && <><dt>SMTP</dt><dd className="warn-text">not tested: {result.smtpNotTested}</dd></>}
    </dl>
  );
}
