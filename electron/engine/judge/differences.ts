/**
 * What differs between a recorded verdict and the one judged again from its evidence, named per domain, for
 * `verify` (issue 15 point 2) to report.
 */
import type { DomainResult } from '../../../shared/types';
import type { DomainDifference } from '../../../shared/bundle-verify';
import { recordedVerdict, type Rejudged } from './rejudge';

export type { DomainDifference } from '../../../shared/bundle-verify';


/**
 * Empty when the recorded verdict is exactly what the evidence gives. An entry is named by its domain, or by
 * `name` (where it sits in the file) when it has none. A recorded verdict that cannot even be read (findings
 * that are not a list, say: the file is untrusted) is a difference of its own, never an exception.
 */
export function verdictDifferences(recorded: { domain?: string; input?: string; result: DomainResult }, rejudged: Rejudged, name = '?'): DomainDifference[] {
  const r = recorded.result;
  const domain = r?.domain || r?.input || recorded.domain || recorded.input || name;
  let before: ReturnType<typeof recordedVerdict>;
  try {
    before = recordedVerdict(r);
  } catch {
    return [{ domain, field: 'evidence', recorded: '?', recomputed: 'the recorded verdict cannot be read' }];
  }
  if (!rejudged.judged) return [{ domain, field: 'evidence', recorded: `${before.posture}, ${before.outcome}`, recomputed: rejudged.reason }];
  const out: DomainDifference[] = [];
  if (before.posture !== rejudged.posture) out.push({ domain, field: 'posture', recorded: before.posture, recomputed: rejudged.posture });
  if (before.outcome !== rejudged.outcome) out.push({ domain, field: 'outcome', recorded: before.outcome, recomputed: rejudged.outcome });
  const added = rejudged.codes.filter((c) => !before.codes.includes(c));
  const missing = before.codes.filter((c) => !rejudged.codes.includes(c));
  if (added.length > 0 || missing.length > 0) {
    out.push({ domain, field: 'codes', recorded: before.codes.join(' '), recomputed: rejudged.codes.join(' '), added, missing });
  }
  return out;
}
