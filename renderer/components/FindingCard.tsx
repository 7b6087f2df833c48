import type { Finding } from '../../shared/types';
import { catalogueEntry } from '../../shared/findings';
import { SeverityBadge } from './Badges';

/**
 * One finding: what was seen this time (the engine's message, shown as plain text) and, from the catalogue,
 * why it matters and how to fix it.
 */
export function FindingCard({ finding }: { finding: Finding }) {
  const entry = catalogueEntry(finding.code);
  const where = [finding.subject, finding.line !== undefined && `policy line ${finding.line}`, finding.offset !== undefined && `character ${finding.offset + 1}`]
    .filter(Boolean).join(' · ');
  return (
    <article className={`finding sev-border-${finding.severity}`} aria-label={entry.title}>
      <header className="finding-head">
        <SeverityBadge severity={finding.severity} />
        <h3>{entry.title}</h3>
        <code className="finding-code">{finding.code}</code>
      </header>
      {where && <p className="finding-where">{where}</p>}
      <p className="finding-observed">{finding.message}</p>
      <div className="finding-body">
        <div>
          <h4>Why it matters</h4>
          <p>{entry.description}</p>
        </div>
        {entry.remediation && (
          <div>
            <h4>How to fix it</h4>
            <p>{entry.remediation}</p>
          </div>
        )}
      </div>
      {entry.ref && <p className="finding-ref">Reference: {entry.ref}</p>}
    </article>
  );
}
