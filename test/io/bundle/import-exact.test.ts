/**
 * A bundle's results come back from the store exactly, even where the engine's own runs never go: the export
 * fixtures give one MX address several different probes made in the same millisecond, which the store's
 * probe sharing (keyed on the start time) would otherwise merge. Written as a signed bundle, opened with
 * importBundle into a SQLite file, and evidence.json written again from the store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBundleFrom, writeEvidenceJson } from '../../../electron/io/bundle/write-bundle';
import { importBundle } from '../../../electron/io/bundle/import-bundle';
import { BUNDLE_FILES } from '../../../electron/io/bundle/names';
import { openBundle } from '../../../electron/io/bundle/read-zip';
import { judgeAgain } from '../../../electron/io/bundle/verify';
import { memorySource } from '../../../electron/io/report/memory-source';
import { openStoreSource } from '../../../electron/io/report/store-source';
import { openDatabase } from '../../../electron/store/db';
import { estate, makeRun } from '../export/fixtures';
import { testSigningKey } from '../export/helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-import-exact-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('importBundle', () => {
  it('stores a bundle\'s results so that evidence.json is written again byte for byte', async () => {
    const items = estate(40);
    const probes = items.flatMap((i) => i.result.mx.flatMap((h) => h.probes));
    const first = probes[0]!;
    // The premise: one address, one start time, different probes.
    expect(new Set(probes.filter((p) => p.address === first.address && p.startedAt === first.startedAt).map((p) => JSON.stringify(p))).size).toBeGreaterThan(1);
    const zip = path.join(tmp, 'fixture.zip');
    await writeBundleFrom(memorySource({ run: makeRun({ total: items.length }), items }), zip, { signingKey: testSigningKey(), summaryOnly: true });
    const db = openDatabase(path.join(tmp, 'review.sqlite'));
    try {
      // The fixtures' evidence is too thin to be judged again: judged, and the differences set aside.
      const { run } = await importBundle(db, zip, { rejudge: (d, r) => (judgeAgain(d, r), []) });
      expect(run).toMatchObject({ done: 40, total: 40, name: 'Q1 estate review', client: 'Example Holdings plc', imported: { bundle: 'fixture.zip', originalId: 42 } });
      const source = openStoreSource(db, run.id);
      try {
        await writeEvidenceJson(source, path.join(tmp, 'again.json'));
      } finally {
        source.close();
      }
      const bundled = await (await openBundle(zip)).read(BUNDLE_FILES.evidence, Infinity);
      expect(fs.readFileSync(path.join(tmp, 'again.json')).equals(bundled)).toBe(true);
    } finally {
      db.close();
    }
  });
});
