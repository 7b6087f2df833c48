/**
 * The safety net: a finding that no specific action ends still gets one, built from the catalogue's title and
 * advice rewritten in plain words (no codes, placeholders or markup). Testing mode is left to the readiness
 * verdict, which says exactly what the switch to enforce waits for.
 */
import type { Action } from '../../../shared/actions';
import type { FindingCode } from '../../../shared/findings';
import { makeAction, type ActionContext } from './action-context';
import { plainRemediation, severityOf, titleOf, unique } from './plain';

const LEFT_TO_READINESS: ReadonlySet<FindingCode> = new Set<FindingCode>(['MTASTS_MODE_TESTING']);

export function genericActions(ctx: ActionContext, covered: ReadonlySet<FindingCode>): Action[] {
  const open = unique(ctx.r.findings.map((f) => f.code)).filter((c) => severityOf(c) !== 'info' && !covered.has(c) && !LEFT_TO_READINESS.has(c));
  return open.map((code) => {
    const subjects = unique(ctx.all(code).flatMap((f) => (f.subject ? [f.subject] : [])));
    return makeAction({
      kind: 'generic', rootCause: `generic:${code.toLowerCase()}:${ctx.domain || ctx.r.input}`,
      title: titleOf(code), why: `${titleOf(code)}${subjects.length ? ` (${subjects.join(', ')})` : ''}.`,
      steps: [plainRemediation(code, ctx.domain)], resolves: [code], hosts: subjects,
    });
  });
}
