import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSettings } from '../hooks/useSettings';
import { formFromSettings, settingsFromForm, type AuditForm, type FormErrors } from '../audit-form';
import { PageHeader } from '../components/PageHeader';
import { Field } from '../components/Field';
import { AuditSettingsFields } from '../components/AuditSettingsFields';
import { NetworkSettingsFields } from '../components/NetworkSettingsFields';
import { ErrorBanner, Loading } from '../components/States';

/** The auditor's name (printed on PDFs) and the defaults every new audit starts from. */
export function SettingsView() {
  const { settings, error, save } = useSettings();
  const [auditor, setAuditor] = useState('');
  const [form, setForm] = useState<AuditForm>();
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!settings || form) return;
    setAuditor(settings.auditorName);
    setForm(formFromSettings(settings));
  }, [settings, form]);

  if (!settings || !form) return <div className="page">{error ? <ErrorBanner message={error} /> : <Loading />}</div>;
  const edit = (f: AuditForm) => {
    setForm(f);
    setSaved(false);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const built = settingsFromForm(form, settings.audit);
    if ('errors' in built) {
      setErrors(built.errors);
      setSaved(false);
      // Next frame: the fields have their error state; take the user to the first.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setSaved(await save({ auditorName: auditor.trim(), concurrency: built.concurrency, audit: built.settings }));
  };
  const invalid = Object.keys(errors).length;

  return (
    <form className="page" ref={formRef} onSubmit={submit} noValidate>
      <PageHeader title="Settings" subtitle="Defaults for every new audit; each audit can still change them before it starts." />
      <section className="card">
        <h2>Auditor</h2>
        <div className="form-grid">
          <Field label="Auditor name" hint="Printed on the PDF evidence pack">
            <input type="text" value={auditor} maxLength={200} onChange={(e) => { setAuditor(e.target.value); setSaved(false); }} />
          </Field>
        </div>
      </section>
      <section className="card">
        <h2>Defaults for new audits</h2>
        <AuditSettingsFields form={form} errors={errors} onChange={edit} />
      </section>
      <section className="card">
        <h2>Network and trust</h2>
        <NetworkSettingsFields form={form} errors={errors} onChange={edit} />
      </section>
      <div className="form-actions page-actions">
        <button type="submit" className="btn btn-primary">Save settings</button>
        {saved && <span className="ok-text" role="status">Saved</span>}
        {invalid > 0 && <span className="field-error" role="alert">{invalid === 1 ? 'One field needs' : `${invalid} fields need`} correcting before the settings can be saved.</span>}
        {error && <span className="field-error" role="alert">{error}</span>}
      </div>
    </form>
  );
}
