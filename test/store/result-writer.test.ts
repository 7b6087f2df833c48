/**
 * Group commit: several domains per transaction, each still whole. Results appear only when their batch
 * commits; a result that cannot be saved rolls back alone and stops the run; nothing is left half-written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ResultWriter } from '../../electron/store/result-writer';
import { DuplicateResultError, getResult, saveResult } from '../../electron/store/results';
import { getRun, pendingDomains } from '../../electron/store/runs';
import { makeResult } from './fixtures/domain-results';
import { consistencyProblems, newRun, tempStore, type TempStore } from './helpers';

let store: TempStore;
afterEach(() => store?.cleanup());

const domains = Array.from({ length: 10 }, (_, i) => `w${i}.example`);

describe('ResultWriter', () => {
  it('commits a batch when it is full, and the rest on flush', () => {
    store = tempStore();
    const run = newRun(store.db, domains);
    const pending = pendingDomains(store.db, run.id);
    const writer = new ResultWriter(store.db, run.id, { maxBatch: 4, maxDelayMs: 60_000 });
    pending.slice(0, 6).forEach((p) => writer.add(p.runDomainId, makeResult(p.domain)));
    // The first four committed together; the next two wait for their batch.
    expect(getRun(store.db, run.id)!.done).toBe(4);
    expect(getResult(store.db, run.id, pending[4]!.domain)).toBeUndefined();
    writer.flush();
    expect(getRun(store.db, run.id)!.done).toBe(6);
    expect(getResult(store.db, run.id, pending[5]!.domain)?.domain).toBe(pending[5]!.domain);
    expect(consistencyProblems(store.db, run.id)).toEqual([]);
  });

  it('commits on its own after the delay, without a flush', async () => {
    store = tempStore();
    const run = newRun(store.db, domains);
    const [first] = pendingDomains(store.db, run.id);
    const writer = new ResultWriter(store.db, run.id, { maxBatch: 100, maxDelayMs: 20 });
    writer.add(first!.runDomainId, makeResult(first!.domain));
    await expect.poll(() => getRun(store.db, run.id)!.done, { timeout: 2000 }).toBe(1);
  });

  it('keeps the good results of a batch when one cannot be saved, and reports the failure', () => {
    store = tempStore();
    const run = newRun(store.db, domains);
    const pending = pendingDomains(store.db, run.id);
    saveResult(store.db, run.id, pending[1]!.runDomainId, makeResult(pending[1]!.domain));
    const writer = new ResultWriter(store.db, run.id, { maxBatch: 3, maxDelayMs: 60_000 });
    writer.add(pending[0]!.runDomainId, makeResult(pending[0]!.domain));
    writer.add(pending[2]!.runDomainId, makeResult(pending[2]!.domain));
    // pending[1] is already saved: its second save is refused inside the batch, the other two commit.
    expect(() => writer.add(pending[1]!.runDomainId, makeResult(pending[1]!.domain))).toThrow(DuplicateResultError);
    expect(getRun(store.db, run.id)!.done).toBe(3);
    expect(() => writer.add(pending[3]!.runDomainId, makeResult(pending[3]!.domain))).toThrow(DuplicateResultError);
    expect(consistencyProblems(store.db, run.id)).toEqual([]);
  });
});
