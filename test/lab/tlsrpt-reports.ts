/**
 * Realistic TLS-RPT reports (RFC 8460 §4.4) for lab domains, from the senders' point of view: what a
 * sending MTA that validates like Google or Microsoft would experience at each MX, derived from how the lab
 * configures that MX (its certificate, STARTTLS) and the domain's policy host, not from the auditor's
 * findings, so the correlation is checked against an independent account of the same estate.
 */
import zlib from 'node:zlib';
import type { DomainResult } from '../../shared/types';
import type { DomainSpec, MxHostSpec } from '../../electron/lab/estate/spec';

/** What a validating sender gets at an MX configured as `spec`; undefined when the session succeeds. */
export function senderResultType(spec: MxHostSpec | undefined): string | undefined {
  if (!spec) return undefined;
  if (spec.noStarttls || spec.starttlsReply) return 'starttls-not-supported';
  switch (spec.cert) {
    case 'wrong-name': return 'certificate-host-mismatch';
    case 'expired': return 'certificate-expired';
    case 'self-signed': case 'untrusted': return 'certificate-not-trusted';
    default: return spec.tlsMaxVersion || spec.handshakeAbort ? 'validation-failure' : undefined;
  }
}

export const SENDERS = { 'Mail Giant Inc.': ['192.0.2.10', '192.0.2.11', '2001:db8:25::1'], 'Outlookish Ltd': ['198.51.100.25'] } as const;

export interface ReportOptions {
  /** The reporting organisation (one report per organisation and day). */
  organization: keyof typeof SENDERS;
  day: Date;
  /** Sessions that fail at each broken MX, and succeed at each good one, per sender. */
  sessionsPerSender?: number;
  /** Extra failure details the senders saw (a transient, an MX outside the audit, an attacker's address). */
  extra?: { resultType: string; mx?: string; receivingIp?: string; sessions: number; sender?: string }[];
  /** The sender does not act on the failures (reports nothing failing): "not enforcing yet". */
  notEnforcing?: boolean;
}

/** One organisation's report for one lab domain and day, as the JSON object §4.4 defines. */
export function senderReport(spec: DomainSpec, mxHosts: readonly MxHostSpec[], result: DomainResult, o: ReportOptions): Record<string, unknown> {
  const per = o.sessionsPerSender ?? 100;
  const senders = SENDERS[o.organization];
  const start = new Date(Date.UTC(o.day.getUTCFullYear(), o.day.getUTCMonth(), o.day.getUTCDate()));
  const failures: Record<string, unknown>[] = [];
  let ok = 0;
  // The policy host gives no policy (the record is there, the policy file is not): a fetch error (§4.3.2.1).
  const fetchFails = spec.sts !== null && spec.policy === null;
  if (fetchFails && !o.notEnforcing) for (const ip of senders) failures.push({ 'result-type': 'sts-policy-fetch-error', 'sending-mta-ip': ip, 'failed-session-count': per });
  for (const h of result.mx) {
    const type = senderResultType(mxHosts.find((m) => m.name === h.host));
    for (const ip of senders) {
      if (type && !o.notEnforcing) {
        failures.push({ 'result-type': type, 'sending-mta-ip': ip, 'receiving-mx-hostname': h.host, 'receiving-ip': h.addresses[0], 'failed-session-count': per });
      } else ok += per;
    }
  }
  for (const e of o.extra ?? []) {
    failures.push({ 'result-type': e.resultType, 'sending-mta-ip': e.sender ?? senders[0], ...(e.mx ? { 'receiving-mx-hostname': e.mx } : {}), ...(e.receivingIp ? { 'receiving-ip': e.receivingIp } : {}), 'failed-session-count': e.sessions });
  }
  const failed = failures.reduce((s, f) => s + (f['failed-session-count'] as number), 0);
  return {
    'organization-name': o.organization,
    'date-range': { 'start-datetime': start.toISOString().replace('.000', ''), 'end-datetime': new Date(start.getTime() + 86_399_000).toISOString().replace('.000', '') },
    'contact-info': 'smtp-tls-reporting@sender.example',
    'report-id': `${start.toISOString().slice(0, 10)}_${spec.name}_${o.organization.replace(/\W/g, '')}`,
    policies: [{
      policy: { 'policy-type': fetchFails || spec.sts === null ? 'no-policy-found' : 'sts', 'policy-string': [], 'policy-domain': spec.name, 'mx-host': result.mx.map((h) => h.host) },
      summary: { 'total-successful-session-count': ok, 'total-failure-session-count': failed },
      ...(failures.length ? { 'failure-details': failures } : {}),
    }],
  };
}

/** The report as a reporter mails it (RFC 8460 §5.3): gzip, base64, in a multipart/report message. */
export function asEmail(report: Record<string, unknown>, encoding: 'base64' | 'quoted-printable' = 'base64'): Buffer {
  const gz = zlib.gzipSync(JSON.stringify(report));
  const boundary = '----=_Part_1234_5678';
  const domain = (report.policies as { policy: { 'policy-domain': string } }[])[0]!.policy['policy-domain'];
  const body = encoding === 'base64' ? gz.toString('base64').replace(/(.{76})/g, '$1\r\n') : qp(gz);
  return Buffer.from([
    `From: tlsrpt@sender.example`, `To: rua@${domain}`, `Subject: Report Domain: ${domain} Submitter: sender.example Report-ID: <${String(report['report-id'])}>`,
    'TLS-Report-Domain: ' + domain, 'TLS-Report-Submitter: sender.example', 'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type="tlsrpt";\r\n\tboundary="${boundary}"`, '',
    'This is a multi-part message in MIME format.', '', `--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '', 'This is an aggregate TLS report.', '',
    `--${boundary}`, `Content-Type: application/tlsrpt+gzip;\r\n name="sender.example!${domain}!1.json.gz"`, `Content-Transfer-Encoding: ${encoding}`,
    `Content-Disposition: attachment;\r\n filename="sender.example!${domain}!1.json.gz"`, '', body, `--${boundary}--`, '',
  ].join('\r\n'), 'latin1');
}

/** Quoted-printable (RFC 2045 §6.7) with soft line breaks every 72 characters. */
function qp(data: Buffer): string {
  let line = '';
  const lines: string[] = [];
  for (const b of data) {
    const c = (b >= 33 && b <= 126 && b !== 61) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + c.length > 72) {
      lines.push(`${line}=`);
      line = '';
    }
    line += c;
  }
  lines.push(line);
  return lines.join('\r\n');
}
