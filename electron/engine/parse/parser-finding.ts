/** What a parser reports: a catalogue code plus where the problem is. Severity is added by engine/finding.ts. */
import type { FindingCode } from '../../../shared/findings';

export interface ParserFinding {
  code: FindingCode;
  message: string;
  /** 1-based line of a policy file. */
  line?: number;
  /** 0-based character offset in a joined TXT record. */
  offset?: number;
  /** What the finding is about (an mx pattern, a rua URI). */
  subject?: string;
}
