/** `check <domain...>`: audit domains now and print verdicts (or JSON lines with the full evidence). */
import type { DomainResult } from '../../shared/types';
import { auditDomain } from '../engine/audit-domain';
import { createAuditContext } from '../engine/context';
import { mapLimit } from '../engine/concurrency';
import { NETWORK_OPTIONS, parse, settingsFrom, UsageError } from './args';
import { formatResult, jsonLine } from './format';
import { resultOutcome } from '../../shared/outcome';
import { resultActions } from '../engine/actions';

/**
 * One domain as JSON: the outcome and the actions first (CHECKS §7), then the result in DomainResult order with
 * its evidence.
 */
export function toJson(r: DomainResult): unknown {
  const { domain, input, posture, ...rest } = r;
  return { domain, input, outcome: resultOutcome(r), ...resultActions(r), posture, ...rest };
}

export async function runCheck(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { ...NETWORK_OPTIONS, concurrency: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('check needs at least one domain');
  const ctx = createAuditContext(settingsFrom(values));
  const concurrency = Number(values.concurrency ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency must be a positive whole number');
  await mapLimit(positionals, concurrency, async (domain) => {
    const r = await auditDomain(domain, ctx);
    out.write(values.json ? jsonLine(toJson(r)) : `${formatResult(r)}\n\n`);
  });
  return 0;
}
