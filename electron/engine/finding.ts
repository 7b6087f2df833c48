/**
 * The one way the engine creates findings: severity always comes from the catalogue, so a code can never
 * be reported with a different severity in one place than in another.
 */
import { catalogueEntry, type FindingCode } from '../../shared/findings';
import type { Finding } from '../../shared/types';
import type { ParserFinding } from './parse/parser-finding';

export function finding(code: FindingCode, message: string, extra: Pick<Finding, 'subject' | 'line' | 'offset'> = {}): Finding {
  const f: Finding = { code, severity: catalogueEntry(code).severity, message };
  if (extra.subject !== undefined) f.subject = extra.subject;
  if (extra.line !== undefined) f.line = extra.line;
  if (extra.offset !== undefined) f.offset = extra.offset;
  return f;
}

export function fromParser(p: ParserFinding, subject?: string): Finding {
  return finding(p.code, p.message, { subject: p.subject ?? subject, line: p.line, offset: p.offset });
}

/** Quotes untrusted text for a message: JSON escaping shows control characters, the cut keeps messages bounded. */
export function quote(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

/** How a DNS outcome reads in a message. */
export function describeOutcome(outcome: string, rcode?: string): string {
  switch (outcome) {
    case 'nxdomain': return 'NXDOMAIN';
    case 'nodata': return 'NODATA (no record of that type)';
    case 'servfail': return 'SERVFAIL';
    case 'refused': return 'REFUSED';
    case 'timeout': return 'time-out';
    default: return rcode ?? outcome;
  }
}
