import { pemCount, type AuditForm, type FormErrors } from '../audit-form';
import { Field } from './Field';

interface Props {
  form: AuditForm;
  errors: FormErrors;
  onChange(form: AuditForm): void;
}

/** What a consultant adjusts on a client's network: EHLO name, politeness per IP, internal addresses and ports, the DNSSEC control name, an internal CA. */
export function NetworkSettingsFields({ form, errors, onChange }: Props) {
  const set = <K extends keyof AuditForm>(key: K, value: AuditForm[K]) => onChange({ ...form, [key]: value });
  const certs = pemCount(form.extraCaPem);
  return (
    <>
      <div className="form-grid">
        <Field label="EHLO name" hint="Sent to every MX; empty uses this machine's name" error={errors.ehloName}>
          <input type="text" placeholder="e.g. audit.example.net" value={form.ehloName} spellCheck={false} onChange={(e) => set('ehloName', e.target.value)} />
        </Field>
        <Field label="SMTP connections per IP" hint="At once to one MX address (shared provider MX)" error={errors.smtpPerIp}>
          <input type="number" min={1} max={64} value={form.smtpPerIp} onChange={(e) => set('smtpPerIp', e.target.value)} />
        </Field>
        <Field label="Policy fetches per IP" hint="At once to one policy host address" error={errors.httpsPerIp}>
          <input type="number" min={1} max={512} value={form.httpsPerIp} onChange={(e) => set('httpsPerIp', e.target.value)} />
        </Field>
      </div>
      <div className="checkbox-row">
        <label>
          <input type="checkbox" checked={form.allowPrivate} onChange={(e) => set('allowPrivate', e.target.checked)} />
          Allow private and internal addresses
        </label>
        <p className="field-hint">
          For internal estates: policy and MX hosts on private, loopback or link-local addresses are otherwise refused.
        </p>
      </div>
      <div className="form-grid">
        <Field label="Allowed private ranges" hint="Only these non-global ranges, e.g. 10.20.0.0/16 (when not all are allowed)" error={errors.privateRanges}>
          <input type="text" placeholder="none" value={form.privateRanges} spellCheck={false} onChange={(e) => set('privateRanges', e.target.value)} />
        </Field>
        <Field label="Policy host port" hint="443 on the internet" error={errors.httpsPort}>
          <input type="number" min={1} max={65535} value={form.httpsPort} onChange={(e) => set('httpsPort', e.target.value)} />
        </Field>
        <Field label="SMTP port" hint="25 on the internet" error={errors.smtpPort}>
          <input type="number" min={1} max={65535} value={form.smtpPort} onChange={(e) => set('smtpPort', e.target.value)} />
        </Field>
        <Field label="DNSSEC control name" hint={'A signed name the resolver must vouch for if it checks DNSSEC: "." (the root) on the internet, an internal signed zone where the root is out of reach'} error={errors.dnssecControl}>
          <input type="text" placeholder="." value={form.dnssecControl} spellCheck={false} onChange={(e) => set('dnssecControl', e.target.value)} />
        </Field>
      </div>
      <Field label="Extra trust anchor (PEM)" error={errors.extraCaPem}
        hint={certs > 0 ? `${certs} certificate${certs === 1 ? '' : 's'}, trusted in addition to the system roots for policy hosts and MX certificates` : 'An internal CA, trusted in addition to the system roots; paste one or more -----BEGIN CERTIFICATE----- blocks'}>
        <textarea className="pem-input" rows={5} spellCheck={false} placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
          value={form.extraCaPem} onChange={(e) => set('extraCaPem', e.target.value)} />
      </Field>
    </>
  );
}
