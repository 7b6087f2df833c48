import { useEffect, useRef } from 'react';
import type { ComparisonRow } from '../../shared/ipc';
import type { FindingDelta } from '../../shared/changes';
import { catalogueEntry, type FindingCode } from '../../shared/findings';
import { CHANGE_LABEL } from '../labels';
import { ChangeClassBadge, OutcomeBadge, PostureBadge, SeverityBadge } from './Badges';

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

function DefectList({ title, items, tone }: { title: string; items: FindingDelta[]; tone: 'bad' | 'ok' }) {
  return (
    <section className="change-section">
      <h3>{title} <span className="count-pill">{items.length}</span></h3>
      {items.length === 0 ? <p className="muted small">None.</p> : (
        <ul className={`change-findings ${tone}`}>
          {items.map((d) => (
            <li key={`${d.code}:${d.subject ?? ''}`}>
              <SeverityBadge severity={d.severity} />
              <span className="change-finding-title">{catalogueEntry(d.code).title}{d.subject ? ` (${d.subject})` : ''}</span>
              <code className="fact-code">{d.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Info-level facts that came or went: shown for completeness, never as good or bad news. */
function FactList({ gained, lost }: { gained: FindingCode[]; lost: FindingCode[] }) {
  if (gained.length + lost.length === 0) return null;
  const line = (label: string, codes: FindingCode[]) => codes.length > 0 && <li>{label}: {codes.map((c) => catalogueEntry(c).title).join('; ')}</li>;
  return (
    <section className="change-section">
      <h3>Facts that changed</h3>
      <ul className="change-facts-list small">{line('Now seen', gained)}{line('No longer seen', lost)}</ul>
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
        <h2 id="change-title"><span className="mono">{row.domain}</span> <ChangeClassBadge changeClass={row.changeClass} /></h2>
        <button type="button" className="btn btn-quiet btn-small" aria-label="Close" onClick={() => dialog.current?.close()}>✕</button>
      </header>
      <div className="change-body">
        <table className="data-table compact change-facts" aria-label="Before and after">
          <thead><tr><th /><th>Earlier audit</th><th>Later audit</th></tr></thead>
          <tbody>
            <tr><th scope="row">Outcome</th><td>{row.before ? <OutcomeBadge outcome={row.before.outcome} /> : '—'}</td><td>{row.after ? <OutcomeBadge outcome={row.after.outcome} /> : '—'}</td></tr>
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
          {row.changes.length === 0 ? <p className="muted small">{row.transient ? `One audit could not look: ${row.transient.map((c) => catalogueEntry(c).title).join('; ')}.` : 'No setting changed.'}</p> : (
            <ul className="change-list">
              {row.changes.map((c, i) => <li key={i}><span className="change-kind">{CHANGE_LABEL[c.kind] ?? c.kind}</span><span className="mono break">{c.detail}</span></li>)}
            </ul>
          )}
        </section>
        <DefectList title="New problems" items={row.defectsNew} tone="bad" />
        <DefectList title="Problems fixed" items={row.defectsFixed} tone="ok" />
        <FactList gained={row.factsGained} lost={row.factsLost} />
      </div>
      <footer className="change-foot">
        {row.after && <button type="button" className="btn btn-primary" onClick={() => onOpenDomain('after')}>Open in later audit</button>}
        {row.before && <button type="button" className="btn" onClick={() => onOpenDomain('before')}>Open in earlier audit</button>}
        <button type="button" className="btn btn-quiet" onClick={() => dialog.current?.close()}>Close</button>
      </footer>
    </dialog>
  );
}
