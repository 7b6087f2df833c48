import type { ImportPreview } from '../../shared/ipc';
import { capTagNames, tagValue } from '../../shared/tags';
import { formatInt } from '../format';

const severalSheets = (rows: { sheet?: string }[]) => rows.some((r) => r.sheet !== undefined);

/**
 * The first imported rows as the audit will see them: the sheet (when several), the cell, the domain read
 * from it, and its tags. Tag names and values come from the file: values are read as the row's own
 * properties only (a column may be called "__proto__" or "constructor"), and only the first tag columns are
 * shown (shared/tags.ts); every tag is still kept with the audit.
 */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { shown: tags, hidden } = capTagNames(preview.tagNames);
  const sheet = severalSheets(preview.rows);
  return (
    <div className="table-scroll short">
      <table className="data-table" aria-label="Imported rows">
        <thead>
          <tr>{sheet && <th>Sheet</th>}<th className="num">Row</th><th>{preview.domainColumn}</th><th>Audited as</th>{tags.map((t) => <th key={t}>{t}</th>)}</tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={`${r.sheet ?? ''}:${r.row}`}>
              {sheet && <td className="nowrap">{r.sheet}</td>}
              <td className="num muted">{r.row}</td>
              <td className="mono">{r.input}</td>
              <td className="mono strong">{r.domain}</td>
              {tags.map((t) => <td key={t}>{tagValue(r.tags, t) ?? ''}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rowCount > preview.rows.length && (
        <p className="table-note">Showing the first {formatInt(preview.rows.length)} of {formatInt(preview.rowCount)} domains.</p>
      )}
      {hidden > 0 && (
        <p className="table-note">Showing the first {formatInt(tags.length)} tag columns; {formatInt(hidden)} more are kept with the audit and listed in the workbook.</p>
      )}
    </div>
  );
}

/** Rows that will not be audited, with the reason for each. */
export function RejectsTable({ preview }: { preview: ImportPreview }) {
  // "Every row" of no rows is no good news: a header-only file says so plainly instead.
  if (preview.rejectCount === 0 && preview.rowCount === 0) return <p className="warn-note" role="note">The file holds no rows below its header: nothing to audit.</p>;
  if (preview.rejectCount === 0) return <p className="ok-note">Every row holds a usable domain.</p>;
  const sheet = severalSheets(preview.rejects);
  return (
    <div className="table-scroll short">
      <table className="data-table" aria-label="Rejected rows">
        <thead><tr>{sheet && <th>Sheet</th>}<th className="num">Row</th><th>Value</th><th>Reason</th></tr></thead>
        <tbody>
          {preview.rejects.map((r) => (
            <tr key={`${r.sheet ?? ''}:${r.row}:${r.value}`}>
              {sheet && <td className="nowrap">{r.sheet}</td>}
              <td className="num muted">{r.row}</td>
              <td className="mono">{r.value || <span className="muted">(empty)</span>}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rejectCount > preview.rejects.length && (
        <p className="table-note">Showing the first {formatInt(preview.rejects.length)} of {formatInt(preview.rejectCount)} rejected rows.</p>
      )}
    </div>
  );
}
