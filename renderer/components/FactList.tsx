import type { Finding } from '../../shared/types';
import { catalogueEntry } from '../../shared/findings';

/**
 * Info-level findings as a compact list, one line each: what was checked and found fine or merely noted.
 * The engine's message is plain text; the catalogue's description is the row's tooltip.
 */
export function FactList({ facts }: { facts: Finding[] }) {
  return (
    <ul className="fact-list" aria-label="Facts">
      {facts.map((f, i) => {
        const entry = catalogueEntry(f.code);
        return (
          <li key={`${f.code}-${i}`} className="fact" title={entry.description}>
            <span className="fact-title">{entry.title}</span>
            <span className="fact-message">{f.message}</span>
            <code className="fact-code">{f.code}</code>
          </li>
        );
      })}
    </ul>
  );
}
