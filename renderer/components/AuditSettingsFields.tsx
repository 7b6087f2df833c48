import type { AuditForm, FormErrors } from '../audit-form';
import { Field } from './Field';

interface Props {
  form: AuditForm;
  errors: FormErrors;
  onChange(form: AuditForm): void;
}

/** Concurrency, SMTP probes, resolvers and time-outs of an audit. */
export function AuditSettingsFields({ form, errors, onChange }: Props) {
  const set = <K extends keyof AuditForm>(key: K, value: AuditForm[K]) => onChange({ ...form, [key]: value });
  return (
    <>
      <div className="form-grid">
        <Field label="Parallel audits" hint="Domains audited at the same time" error={errors.concurrency}>
          <input type="number" min={1} max={256} value={form.concurrency} onChange={(e) => set('concurrency', e.target.value)} />
        </Field>
        <Field label="DNS resolvers" hint="Empty uses the system's resolvers" error={errors.resolvers}>
          <input type="text" placeholder="e.g. 9.9.9.9, 1.1.1.1:53" value={form.resolvers} spellCheck={false} onChange={(e) => set('resolvers', e.target.value)} />
        </Field>
        <Field label="DNS time-out (s)" hint="Per query attempt" error={errors.dnsTimeoutSec}>
          <input type="number" min={0.1} step={0.5} value={form.dnsTimeoutSec} onChange={(e) => set('dnsTimeoutSec', e.target.value)} />
        </Field>
        <Field label="Policy fetch time-out (s)" hint="RFC 8461 suggests 60" error={errors.httpTimeoutSec}>
          <input type="number" min={0.1} step={1} value={form.httpTimeoutSec} onChange={(e) => set('httpTimeoutSec', e.target.value)} />
        </Field>
        <Field label="SMTP connect time-out (s)" hint="To open the connection to an MX" error={errors.smtpTimeoutSec}>
          <input type="number" min={0.1} step={1} value={form.smtpTimeoutSec} onChange={(e) => set('smtpTimeoutSec', e.target.value)} />
        </Field>
        <Field label="SMTP reply time-out (s)" hint="For the greeting, each reply and the TLS handshake" error={errors.smtpReplyTimeoutSec}>
          <input type="number" min={0.1} step={1} value={form.smtpReplyTimeoutSec} onChange={(e) => set('smtpReplyTimeoutSec', e.target.value)} />
        </Field>
      </div>
      <div className="checkbox-row">
        <label>
          <input type="checkbox" checked={form.smtpProbes} onChange={(e) => set('smtpProbes', e.target.checked)} />
          Probe every MX with STARTTLS
        </label>
        <p className="field-hint">Needs outbound port 25; without it certificates and DANE are not checked.</p>
      </div>
    </>
  );
}
