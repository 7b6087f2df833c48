import type { Finding } from '../../shared/types';
import { catalogueEntry } from '../../shared/findings';
import { plainText } from '../../shared/plain-language';

/**
 * Info-level findings as a compact list, one line each, in plain words: what was checked and found fine or
 * merely noted. The code stays visible but quiet; the specification's description is the row's tooltip.
 */
export function FactList({ facts }: { facts: Finding[] }) {
  return (
    <ul className="fact-list" aria-label="Facts">
      {facts.map((f, i) => (
        <li key={`${f.code}-${i}`} className="fact" title={catalogueEntry(f.code).description}>
          <span className="fact-title">{plainText(f.code).title}</span>
          <span className="fact-message">{f.message}</span>
          <code className="fact-code">{f.code}</code>
        </li>
      ))}
    </ul>
  );
}
