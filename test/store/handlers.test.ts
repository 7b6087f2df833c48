/** The results channels over the store: list, finding counts and one domain, with NOT_FOUND for what is gone. */
import { resultOutcome } from '../../shared/outcome';
import { deriveActions } from '../../electron/engine/actions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../electron/handlers/context';
import { HandlerError } from '../../electron/handlers/errors';
import { resultHandlers } from '../../electron/handlers/results';
import { deleteRun } from '../../electron/store/runs';
import { findingCounts, listResults } from '../../electron/store/results';
import { estateDomains, makeResult } from './fixtures/domain-results';
import { newRun, savePending, tempStore, type TempStore } from './helpers';

let store: TempStore;
let handlers: ReturnType<typeof resultHandlers>;
const domains = estateDomains(30);

beforeAll(() => {
  store = tempStore();
  newRun(store.db, domains);
  savePending(store.db, 1);
  newRun(store.db, domains, 'deleted later');
  deleteRun(store.db, 2);
  // These handlers use only the database of the context.
  handlers = resultHandlers({ db: store.db } as HandlerContext);
});
afterAll(() => store.cleanup());

/** Handlers may throw synchronously or reject; the IPC layer turns both into the same reply. */
async function notFound(call: () => unknown, mentions: RegExp): Promise<void> {
  const err = await Promise.resolve().then(call).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(HandlerError);
  expect((err as HandlerError).code).toBe('NOT_FOUND');
  expect((err as HandlerError).message).toMatch(mentions);
}

describe('result handlers', () => {
  it('lists a page with the query applied', async () => {
    const q = { offset: 2, limit: 5, sort: 'severity' as const, desc: true, posture: 'absent' as const };
    expect(await handlers['result:list']({ runId: 1, ...q })).toEqual(listResults(store.db, 1, q));
  });

  it('counts findings per code', async () => {
    expect(await handlers['result:findingCounts']({ runId: 1 })).toEqual(findingCounts(store.db, 1));
  });

  it('gives one domain in full, with the outcome decided from it', async () => {
    const stored = makeResult(domains[3]!);
    expect(await handlers['domain:get']({ runId: 1, domain: domains[3]! })).toEqual({ ...stored, verdict: resultOutcome(stored), actions: deriveActions(stored, new Date(stored.startedAt)) });
  });

  it('reports a missing audit or domain as NOT_FOUND', async () => {
    await notFound(() => handlers['result:list']({ runId: 2, offset: 0, limit: 10 }), /audit 2/);
    await notFound(() => handlers['result:findingCounts']({ runId: 99 }), /audit 99/);
    await notFound(() => handlers['domain:get']({ runId: 2, domain: domains[0]! }), /audit 2/);
    await notFound(() => handlers['domain:get']({ runId: 1, domain: 'elsewhere.example' }), /elsewhere\.example/);
  });
});
