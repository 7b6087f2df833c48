/**
 * One check, written once, run two ways. A check's DNS work is a plan: a generator that yields the questions it
 * needs (a batch asked in parallel) and receives their answers, and returns its verdict. Collecting drives the
 * plan against the resolver and records every answer in order; judging drives the same plan against recorded
 * answers, with no network and no clock, so a stored result can be judged again from its evidence alone
 * (issue 15, "verify"). The questions a plan asks depend only on earlier answers, so both drives ask the same.
 *
 * The checks' entry points (engine/checks/) are named for the side they run on: `xPlan` is a check's DNS plan;
 * `collectX` touches the network (for a plan, `collectAnswers(xPlan(…))` and the verdict it returns); `judgeX`
 * decides from evidence alone, with no network and no clock of its own.
 */
import type { DnsAnswer, DnsRecordType } from '../../../shared/types';
import type { DnsLookup } from '../net/dns';
import type { RecordedDns } from './recorded-dns';

export interface Question {
  name: string;
  type: DnsRecordType;
}

/** A plan: yields batches of questions, receives their answers in the same order, returns T. */
export type Asking<T> = Generator<Question[], T, DnsAnswer[]>;

export const question = (name: string, type: DnsRecordType): Question => ({ name, type });

/** Drives `plan` against the resolver; `answers` receives every answer, batch by batch, in question order. */
export async function collectAnswers<T>(plan: Asking<T>, dns: DnsLookup, answers: DnsAnswer[] = []): Promise<{ value: T; answers: DnsAnswer[] }> {
  let step = plan.next();
  while (!step.done) {
    const got = await Promise.all(step.value.map((q) => dns.query(q.name, q.type)));
    answers.push(...got);
    step = plan.next(got);
  }
  return { value: step.value, answers };
}

/** Drives `plan` against recorded answers: synchronous, network-free; a missing answer throws EvidenceGap. */
export function replayAnswers<T>(plan: Asking<T>, recorded: RecordedDns): T {
  let step = plan.next();
  while (!step.done) step = plan.next(step.value.map((q) => recorded.take(q.name, q.type)));
  return step.value;
}
