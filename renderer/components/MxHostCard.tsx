import type { Finding, MxHostResult, SmtpProbe } from '../../shared/types';
import { severityRank } from '../../shared/findings';
import { plainText } from '../../shared/plain-language';
import { formatMs } from '../format';
import { mxAnchor } from '../evidence-anchor';
import { TlsSession } from './TlsSession';
import { DaneRecords } from './DaneRecords';
import { SmtpTranscript } from './SmtpTranscript';

const verdict = (v: boolean | undefined, yes: string, no: string) =>
  v === undefined ? <span className="muted">n/a</span> : <span className={v ? 'ok-text' : 'bad-text'}>{v ? yes : no}</span>;

const PROBE_OUTCOME: Record<SmtpProbe['outcome'], string> = {
  ok: 'STARTTLS works',
  'not-tested': 'not tested',
  'connect-failed': 'connection failed',
  'connect-timeout': 'connection timed out',
  'smtp-error': 'SMTP error',
  'no-starttls': 'STARTTLS not offered',
  'starttls-rejected': 'STARTTLS rejected',
  'handshake-failed': 'TLS handshake failed',
  'tls-obsolete': 'only obsolete TLS',
};

/**
 * A probe's headline and its colour. Green only when the session worked AND the findings raised on this host
 * say nothing worse than info: a handshake that succeeded with an expired or misnamed certificate is the
 * problem the findings name, and is coloured as they are.
 */
function probeHeadline(p: SmtpProbe, hostProblems: Finding[]): { text: string; tone: 'ok' | 'bad' | 'warn' | 'muted' } {
  if (p.outcome === 'not-tested') return { text: p.deferred ? 'not tested (server said try again later)' : 'not tested', tone: 'muted' };
  if (p.outcome !== 'ok') return { text: PROBE_OUTCOME[p.outcome], tone: 'bad' };
  const worst = hostProblems[0];
  if (!worst) return { text: PROBE_OUTCOME.ok, tone: 'ok' };
  const tone = severityRank(worst.severity) <= severityRank('high') ? 'bad' : 'warn';
  return { text: `STARTTLS negotiated, but ${plainText(worst.code).title.toLowerCase()}`, tone };
}

/** One MX host: policy coverage, the MTA-STS and DANE verdicts, and every STARTTLS probe with its transcript. */
export function MxHostCard({ mx, problems }: { mx: MxHostResult; problems: Finding[] }) {
  const hostProblems = problems.filter((f) => f.subject !== undefined && f.subject.split(/[\s:[]/)[0] === mx.host && (f.code.startsWith('STARTTLS_') || f.code.startsWith('DANE_')));
  return (
    <div className="mx-card" id={mxAnchor(mx.host)} tabIndex={-1}>
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
      {mx.probes.map((p) => {
        const head = probeHeadline(p, hostProblems);
        return (
          <details key={`${p.address}:${p.port}`} className="probe" open={head.tone !== 'ok'}>
            <summary>
              STARTTLS probe <span className="mono">{p.address}:{p.port}</span> — <span className={head.tone === 'muted' ? 'muted' : `${head.tone}-text`}>{head.text}</span>
              <span className="muted"> · {formatMs(p.elapsedMs)}{p.attempts !== undefined && p.attempts > 1 ? ` · ${p.attempts} attempts` : ''}</span>
            </summary>
            <SmtpTranscript probe={p} />
            <dl className="kv">
              <dt>Attempts</dt><dd>{p.attempts ?? 1}{p.deferred && <span className="muted"> (every reply was “try again later”)</span>}</dd>
              {p.withoutSni && <><dt>Without SNI</dt><dd>{p.withoutSni.ok ? (p.withoutSni.nameValid ? 'same valid certificate' : <span className="warn-text">a certificate for another name</span>) : <span className="bad-text">handshake failed{p.withoutSni.error ? `: ${p.withoutSni.error}` : ''}</span>}</dd></>}
            </dl>
            {p.tls && <TlsSession tls={p.tls} />}
          </details>
        );
      })}
      {mx.tlsa && <DaneRecords tlsa={mx.tlsa} />}
    </div>
  );
}
