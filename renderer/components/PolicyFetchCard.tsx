import type { PolicyFetchEvidence } from '../../shared/types';
import { formatBytes, formatMs } from '../format';
import { TlsSession } from './TlsSession';

/** The HTTPS fetch of the policy file: where, what came back, how long it took, and the TLS session. */
export function PolicyFetchCard({ fetch }: { fetch: PolicyFetchEvidence }) {
  const contentType = fetch.headers?.['content-type'];
  return (
    <div>
      <dl className="kv">
        <dt>URL</dt><dd className="mono break">{fetch.url}</dd>
        <dt>Outcome</dt><dd><span className={fetch.outcome === 'ok' ? 'ok-text' : 'bad-text'}>{fetch.outcome}</span>{fetch.errorMessage && <span className="muted"> — {fetch.errorMessage}</span>}</dd>
        <dt>Address</dt><dd className="mono">{fetch.addressUsed ?? (fetch.addresses.join(', ') || '—')}</dd>
        {fetch.status !== undefined && <><dt>Status</dt><dd>{fetch.status}</dd></>}
        {contentType !== undefined && <><dt>Content-Type</dt><dd className="mono">{contentType}</dd></>}
        <dt>Body</dt><dd>{formatBytes(fetch.bodyBytes)}{fetch.truncated && <span className="bad-text"> (cut at the size limit)</span>}</dd>
        <dt>Timing</dt><dd>connect {formatMs(fetch.timings.connectMs)} · headers {formatMs(fetch.timings.headersMs)} · total {formatMs(fetch.timings.totalMs)}</dd>
      </dl>
      {fetch.tls && <TlsSession tls={fetch.tls} />}
    </div>
  );
}
