import type { SmtpProbe } from '../../shared/types';

/**
 * The SMTP conversation of one probe as the auditor had it: the banner, EHLO and its reply, STARTTLS and its
 * reply, the handshake, and EHLO again inside TLS. Server lines are shown as received (plain text).
 */
export function SmtpTranscript({ probe }: { probe: SmtpProbe }) {
  const lines: { who: 'S' | 'C' | '—'; text: string }[] = [];
  if (probe.banner !== undefined) lines.push({ who: 'S', text: probe.banner });
  if (probe.ehlo) {
    lines.push({ who: 'C', text: 'EHLO' });
    for (const l of probe.ehlo) lines.push({ who: 'S', text: l });
  }
  if (probe.starttlsReply !== undefined) {
    lines.push({ who: 'C', text: 'STARTTLS' });
    lines.push({ who: 'S', text: probe.starttlsReply });
  }
  if (probe.tls) lines.push({ who: '—', text: `TLS handshake: ${probe.tls.protocol}, ${probe.tls.cipher}` });
  if (probe.ehloAfterTls) {
    lines.push({ who: 'C', text: 'EHLO (inside TLS)' });
    for (const l of probe.ehloAfterTls) lines.push({ who: 'S', text: l });
  }
  if (probe.error) lines.push({ who: '—', text: `stopped${probe.phase ? ` during ${probe.phase}` : ''}: ${probe.error}` });
  if (lines.length === 0) return null;
  return (
    <div className="transcript" role="log" aria-label={`SMTP transcript ${probe.address}`}>
      {lines.map((l, i) => (
        <div key={i} className={`t-line t-${l.who === 'S' ? 'server' : l.who === 'C' ? 'client' : 'note'}`}>
          <span className="t-who" aria-hidden="true">{l.who === '—' ? '' : `${l.who}:`}</span>
          <span className="t-text">{l.text}</span>
        </div>
      ))}
    </div>
  );
}
