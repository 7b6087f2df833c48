import { useEffect, useRef } from 'react';
import type { ComparisonRow } from '../../shared/ipc';
import { catalogueEntry, isFindingCode } from '../../shared/findings';
import { CHANGE_LABEL, DIRECTION_LABEL } from '../labels';
import { PostureBadge, SeverityBadge } from './Badges';

type Snapshot = NonNullable<ComparisonRow['before']>;

interface Props {
  row: ComparisonRow;
  onClose(): void;
  /** Opens the domain's full result in the earlier or the later audit. */
  onOpenDomain(which: 'before' | 'after'): void;
}

const FACTS: { label: string; value(s: Snapshot): string }[] = [
  { label: 'Policy id', value: (s) => s.id ?? '—' },
  { label: 'Mode', value: (s) => s.mode ?? '—' },
  { label: 'max_age', value: (s) => (s.maxAge === undefined ? '—' : String(s.maxAge)) },
  { label: 'mx patterns', value: (s) => s.mx.join(' ') || '—' },
  { label: 'TLS-RPT', value: (s) => (s.tlsrpt ? 'valid' : 'none or invalid') },
];

function FindingList({ title, codes, tone }: { title: string; codes: string[]; tone: 'bad' | 'ok' }) {
  return (
    <section className="change-section">
      <h3>{title} <span className="count-pill">{codes.length}</span></h3>
      {codes.length === 0 ? <p className="muted small">None.</p> : (
        <ul className={`change-findings ${tone}`}>
          {codes.map((c) => {
            const entry = isFindingCode(c) ? catalogueEntry(c) : undefined;
            return (
              <li key={c}>
                {entry && <SeverityBadge severity={entry.severity} />}
                <span className="change-finding-title">{entry?.title ?? c}</span>
                <code className="fact-code">{c}</code>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Everything that changed for one domain between the two audits, in full, in a modal dialog (Escape closes). */
export function ChangeDetail({ row, onClose, onOpenDomain }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const snap = (s: Snapshot | undefined, f: (typeof FACTS)[number]) => (s ? f.value(s) : '—');
  return (
    <dialog ref={dialog} className="change-dialog" aria-labelledby="change-title" onClose={onClose}>
      <header className="change-head">
        <h2 id="change-title"><span className="mono">{row.domain}</span> <span className={`badge dir-${row.direction}`}>{DIRECTION_LABEL[row.direction]}</span></h2>
        <button type="button" className="btn btn-quiet btn-small" aria-label="Close" onClick={() => dialog.current?.close()}>✕</button>
      </header>
      <div className="change-body">
        <table className="data-table compact change-facts" aria-label="Before and after">
          <thead><tr><th /><th>Earlier audit</th><th>Later audit</th></tr></thead>
          <tbody>
            <tr><th scope="row">Posture</th><td>{row.before ? <PostureBadge posture={row.before.posture} /> : '—'}</td><td>{row.after ? <PostureBadge posture={row.after.posture} /> : '—'}</td></tr>
            {FACTS.map((f) => {
              const a = snap(row.before, f);
              const b = snap(row.after, f);
              return <tr key={f.label} className={a !== b ? 'differs' : undefined}><th scope="row">{f.label}</th><td className="mono break">{a}</td><td className="mono break">{b}</td></tr>;
            })}
          </tbody>
        </table>
        <section className="change-section">
          <h3>What changed <span className="count-pill">{row.changes.length}</span></h3>
          {row.changes.length === 0 ? <p className="muted small">Only the findings changed.</p> : (
            <ul className="change-list">
              {row.changes.map((c, i) => <li key={i}><span className="change-kind">{CHANGE_LABEL[c.kind] ?? c.kind}</span><span className="mono break">{c.detail}</span></li>)}
            </ul>
          )}
        </section>
        <FindingList title="New findings" codes={row.newFindings} tone="bad" />
        <FindingList title="Resolved findings" codes={row.resolvedFindings} tone="ok" />
      </div>
      <footer className="change-foot">
        {row.after && <button type="button" className="btn btn-primary" onClick={() => onOpenDomain('after')}>Open in later audit</button>}
        {row.before && <button type="button" className="btn" onClick={() => onOpenDomain('before')}>Open in earlier audit</button>}
        <button type="button" className="btn btn-quiet" onClick={() => dialog.current?.close()}>Close</button>
      </footer>
    </dialog>
  );
}
