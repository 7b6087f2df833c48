import { useEffect, useState } from 'react';
import type { Route } from '../routes';
import { useImport } from '../hooks/useImport';
import { useSettings } from '../hooks/useSettings';
import { useStartRun } from '../hooks/useStartRun';
import { formFromSettings, settingsFromForm, type AuditForm, type FormErrors } from '../audit-form';
import { baseName, formatDay, formatInt } from '../format';
import { PageHeader } from '../components/PageHeader';
import { FileDrop } from '../components/FileDrop';
import { PreviewTable, RejectsTable } from '../components/ImportTables';
import { AuditSettingsFields } from '../components/AuditSettingsFields';
import { NetworkSettingsFields } from '../components/NetworkSettingsFields';
import { NetworkSummary } from '../components/NetworkSummary';
import { Field } from '../components/Field';
import { ErrorBanner } from '../components/States';
import { ImportSource } from '../components/ImportSource';

const NETWORK_FIELDS: (keyof AuditForm)[] = ['ehloName', 'smtpPerIp', 'httpsPerIp', 'dnsQps', 'extraCaPem', 'privateRanges', 'httpsPort', 'smtpPort', 'dnssecControl'];

/** New audit: import a file, check what was read, name the audit, adjust the saved defaults, start. */
export function ImportView({ navigate }: { navigate: (r: Route) => void }) {
  const imp = useImport();
  const { settings, error: settingsError } = useSettings();
  const [name, setName] = useState('');
  const [client, setClient] = useState('');
  const [form, setForm] = useState<AuditForm>();
  const [errors, setErrors] = useState<FormErrors & { name?: string }>({});
  const [networkOpen, setNetworkOpen] = useState(false);
  const { starting, error: startError, start: startRun } = useStartRun();
  const preview = imp.preview;

  // The saved defaults (Settings) fill the form once they arrive.
  useEffect(() => {
    if (settings && !form) setForm(formFromSettings(settings));
  }, [settings, form]);
  useEffect(() => {
    if (preview) setName((n) => n || `${baseName(preview.fileName)} — ${formatDay(new Date())}`);
  }, [preview]);

  const start = async () => {
    if (!preview || !form || !settings) return;
    const built = settingsFromForm(form, settings.audit);
    const nameError = name.trim() ? undefined : 'give the audit a name';
    if ('errors' in built || nameError) {
      const found = { ...('errors' in built ? built.errors : {}), name: nameError };
      setErrors(found);
      if (NETWORK_FIELDS.some((k) => found[k])) setNetworkOpen(true);
      return;
    }
    setErrors({});
    const run = await startRun({ token: preview.token, name: name.trim(), client: client.trim() || undefined, ...built });
    if (run) navigate({ view: 'run', runId: run.id });
  };
  const invalid = Object.values(errors).filter(Boolean).length;

  return (
    <div className="page">
      <PageHeader title="New audit" subtitle="Import a list of domains, check what was read, then start the audit."
        actions={preview && <button type="button" className="btn" onClick={imp.reset}>Choose another file</button>} />
      {imp.error && (
        <ErrorBanner title={preview ? 'The file could not be read again' : 'This file could not be imported'} message={imp.error}
          hint="One column must hold domains, e-mail addresses or URLs; a header such as “Domain” above it helps. Correct the file and choose it again." />
      )}
      {settingsError && <ErrorBanner title="The saved defaults could not be loaded" message={settingsError} />}
      {!preview && <FileDrop busy={imp.busy} onBrowse={imp.openFile} onDrop={imp.dropFile} />}
      {preview && (
        <>
          <section className="card">
            <ImportSource preview={preview} busy={imp.busy} onChoose={imp.choose} />
          </section>
          <section className="card">
            <h2>Domains to audit <span className="count-pill">{formatInt(preview.rowCount)}</span></h2>
            {preview.rowCount === 0 ? <p className="muted">No usable domain in column “{preview.domainColumn}”. Choose another column above.</p> : <PreviewTable preview={preview} />}
          </section>
          <section className="card">
            <h2>Rows not used <span className={`count-pill${preview.rejectCount ? ' warn' : ''}`}>{formatInt(preview.rejectCount)}</span></h2>
            <RejectsTable preview={preview} />
          </section>
          <section className="card">
            <h2>Audit</h2>
            <div className="form-grid">
              <Field label="Name" error={errors.name}>
                <input type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field label="Client" hint="Optional; printed on the exports">
                <input type="text" value={client} maxLength={200} onChange={(e) => setClient(e.target.value)} />
              </Field>
            </div>
            {form && settings && (
              <>
                <p className="section-note">Settings start from the defaults saved in Settings; changes here apply to this audit only.</p>
                <AuditSettingsFields form={form} errors={errors} onChange={setForm} />
                <details className="subsection" open={networkOpen} onToggle={(e) => setNetworkOpen(e.currentTarget.open)}>
                  <summary><span className="subsection-title">Network and trust</span> <NetworkSummary form={form} /></summary>
                  <NetworkSettingsFields form={form} errors={errors} onChange={setForm} />
                </details>
              </>
            )}
            {startError && <ErrorBanner title="The audit did not start" message={startError} />}
          </section>
          <div className="form-actions sticky-actions">
            <button type="button" className="btn btn-primary" disabled={starting || preview.rowCount === 0 || !form} onClick={start}>
              {starting ? 'Starting…' : `Start audit of ${formatInt(preview.rowCount)} domain${preview.rowCount === 1 ? '' : 's'}`}
            </button>
            {invalid > 0 && <span className="field-error" role="alert">{invalid === 1 ? 'One field needs' : `${invalid} fields need`} correcting first.</span>}
          </div>
        </>
      )}
    </div>
  );
}
