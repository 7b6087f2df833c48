/**
 * A result's recorded DNS answers (evidence.dns), read back by question. The audit records each check's answers
 * as one section, in a fixed order of checks; the judge replays the checks in that same order and each takes
 * the next answer recorded for its question. A question asked by two checks (the apex TXT by the MTA-STS hints
 * and by the TLS-RPT hints) was recorded once per check, so each gets the answer it was judged on then, even
 * when an uncached time-out made the two differ.
 */
import type { DnsAnswer, DnsRecordType } from '../../../shared/types';

/** The evidence lacks something a check needs: the result cannot be judged again from it. */
export class EvidenceGap extends Error {
  constructor(readonly missing: string) {
    super(`the recorded evidence has no ${missing}`);
    this.name = 'EvidenceGap';
  }
}

const keyOf = (name: string, type: DnsRecordType) => `${type} ${name.toLowerCase()}`;

export class RecordedDns {
  private readonly byKey = new Map<string, DnsAnswer[]>();
  private taken = 0;

  constructor(private readonly answers: readonly DnsAnswer[]) {
    for (const a of answers) {
      const key = keyOf(a.name, a.type);
      const queue = this.byKey.get(key);
      if (queue) queue.push(a);
      else this.byKey.set(key, [a]);
    }
  }

  /** The next recorded answer to `type name`, first recorded first. */
  take(name: string, type: DnsRecordType): DnsAnswer {
    const next = this.byKey.get(keyOf(name, type))?.shift();
    if (!next) throw new EvidenceGap(`answer to the ${type} query for ${name}`);
    this.taken++;
    return next;
  }

  /** Recorded answers no check asked for (evidence the verdict does not rest on). */
  untaken(): number {
    return this.answers.length - this.taken;
  }
}
