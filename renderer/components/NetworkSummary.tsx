import { pemCount, type AuditForm } from '../audit-form';

/** The network and trust settings in one line, for the collapsed panel of a new audit. */
export function NetworkSummary({ form }: { form: AuditForm }) {
  const certs = pemCount(form.extraCaPem);
  const parts = [
    form.ehloName.trim() ? `EHLO ${form.ehloName.trim()}` : 'EHLO: this machine’s name',
    `${form.smtpPerIp} SMTP / ${form.httpsPerIp} HTTPS per IP`,
    form.allowPrivate ? 'private addresses allowed' : 'private addresses refused',
    certs > 0 ? `${certs} extra trust anchor${certs === 1 ? '' : 's'}` : 'system roots only',
    ...(form.dnssecControl.trim() && form.dnssecControl.trim() !== '.' ? [`DNSSEC checked against ${form.dnssecControl.trim()}`] : []),
  ];
  return <span className="muted small">{parts.join(' · ')}</span>;
}
