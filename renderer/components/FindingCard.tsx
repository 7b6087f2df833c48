import type { Finding } from '../../shared/types';
import { catalogueEntry } from '../../shared/findings';
import { plainText } from '../../shared/plain-language';
import { SeverityBadge } from './Badges';

interface Props {
  finding: Finding;
  /** Scrolls to the evidence behind the finding; absent when the page shows none for it. */
  onEvidence?: () => void;
}

/**
 * One problem in the client's words (shared/plain-language.ts): a plain title, what it means for the mail,
 * what was seen this time, and the steps to fix it. The code and the specification's text stay one click
 * away for the engineer.
 */
export function FindingCard({ finding, onEvidence }: Props) {
  const entry = catalogueEntry(finding.code);
  const plain = plainText(finding.code);
  const where = [finding.subject, finding.line !== undefined && `policy line ${finding.line}`, finding.offset !== undefined && `character ${finding.offset + 1}`]
    .filter(Boolean).join(' · ');
  return (
    <article className={`finding sev-border-${finding.severity}`} aria-label={plain.title}>
      <header className="finding-head">
        <SeverityBadge severity={finding.severity} />
        <h3>{plain.title}</h3>
        {onEvidence && <button type="button" className="btn btn-quiet btn-small evidence-link" onClick={onEvidence}>Evidence ↓</button>}
      </header>
      <p className="finding-impact">{plain.impact}</p>
      {where && <p className="finding-where">{where}</p>}
      <p className="finding-observed" aria-label="What the audit saw">{finding.message}</p>
      {plain.fix.length > 0 && (
        <div className="finding-fix">
          <h4>How to fix it</h4>
          <ol>{plain.fix.map((step) => <li key={step}>{step}</li>)}</ol>
        </div>
      )}
      <details className="finding-tech">
        <summary>Technical details <code className="finding-code">{finding.code}</code></summary>
        <p><strong>{entry.title}.</strong> {entry.description}</p>
        {entry.remediation && <p>{entry.remediation}</p>}
        {entry.ref && <p className="finding-ref">Reference: {entry.ref}</p>}
      </details>
    </article>
  );
}
