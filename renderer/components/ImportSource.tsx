import type { ImportPreview } from '../../shared/ipc';
import { ALL_SHEETS } from '../../shared/import-sheets';
import { Field } from './Field';

interface Props {
  preview: ImportPreview;
  busy: boolean;
  onChoose(opts: { sheet?: string; column?: string }): void;
}

/** Several sheets contributed rows: rows carry their sheet. */
export const readSeveralSheets = (p: ImportPreview): boolean => p.sheet === ALL_SHEETS;

/** What was read from the file, with the sheet and the domain column the user can change, and sheets skipped. */
export function ImportSource({ preview, busy, onChoose }: Props) {
  const sheets = preview.sheets ?? [];
  // Reading all sheets may end with one sheet read (the others empty or skipped): the choice stays "All sheets".
  const allChosen = readSeveralSheets(preview) || preview.skippedSheets !== undefined;
  const facts = [
    preview.format.toUpperCase(),
    preview.encoding,
    preview.delimiter && `delimiter ${preview.delimiter === '\t' ? 'tab' : `“${preview.delimiter}”`}`,
    readSeveralSheets(preview) ? 'several sheets read' : preview.headerRow ? `header on row ${preview.headerRow}` : 'no header row',
  ].filter(Boolean);
  return (
    <div className="import-source">
      <div className="import-file">
        <h2 className="file-name">{preview.fileName}</h2>
        <p className="muted">{facts.join(' · ')}</p>
        {preview.skippedSheets && preview.skippedSheets.length > 0 && (
          <div className="skipped-sheets" role="note" aria-label="Sheets not read">
            <p className="skipped-title">{preview.skippedSheets.length === 1 ? 'One sheet was not read' : `${preview.skippedSheets.length} sheets were not read`}</p>
            <ul>
              {preview.skippedSheets.map((s) => <li key={s.sheet}><strong>{s.sheet}</strong>: {s.reason}</li>)}
            </ul>
          </div>
        )}
      </div>
      <div className="form-grid compact">
        {sheets.length > 1 && (
          <Field label="Sheet" hint="All sheets reads every sheet with a column of domains">
            <select value={allChosen ? ALL_SHEETS : preview.sheet} disabled={busy} onChange={(e) => onChoose({ sheet: e.target.value })}>
              <option value={ALL_SHEETS}>All sheets</option>
              {sheets.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </Field>
        )}
        <Field label="Domain column" hint="The column holding domains, e-mail addresses or URLs">
          <select value={preview.domainColumn} disabled={busy} onChange={(e) => onChoose({ sheet: allChosen ? ALL_SHEETS : preview.sheet, column: e.target.value })}>
            {preview.columns.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </Field>
      </div>
    </div>
  );
}
