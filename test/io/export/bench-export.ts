/**
 * Export timings and peak memory, run by hand (not part of the test suite):
 *
 *   tsx test/io/export/bench-export.ts <workbook|pdf|summary|bundle> <domains>           (results generated on the fly)
 *   tsx test/io/export/bench-export.ts prepare <domains> <file.sqlite>                   (saves a run of that size)
 *   tsx test/io/export/bench-export.ts <workbook|pdf|summary|bundle> <domains> <file.sqlite>   (exports run 1)
 *   tsx test/io/export/bench-export.ts verify <domains>                                  (writes a bundle with the
 *                         summary PDF, then times `verify` of it alone: every hash, the signature, the evidence read)
 *   tsx test/io/export/bench-export.ts import <domains>                                  (offline review: writes a bundle
 *                         with the summary PDF, opens it with import-bundle into a new SQLite file (verify included),
 *                         then re-exports evidence.json, checked byte-identical, and the workbook from that run)
 *
 * Generated results show the exporter's own footprint; the store variant goes through the real entry point
 * (reading and inflating included) in a process of its own, so the peak RSS is the export's alone.
 * Prints one JSON line: what, domains, via, seconds, CPU seconds, peak RSS in MB, output size in MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { testSigningKey } from './helpers';
import { writeBundleFrom, writeEvidenceJson } from '../../../electron/io/bundle/write-bundle';
import { importBundle } from '../../../electron/io/bundle/import-bundle';
import { BUNDLE_FILES } from '../../../electron/io/bundle/names';
import { openBundle } from '../../../electron/io/bundle/read-zip';
import { openStoreSource } from '../../../electron/io/report/store-source';
import { judgeAgain, verifyBundle } from '../../../electron/io/bundle/verify';
import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import type { ReportItem, ReportSource } from '../../../electron/io/report/source';
import { writeWorkbook, writeWorkbookFrom } from '../../../electron/io/workbook';
import { openDatabase } from '../../../electron/store/db';
import { writeExport } from '../../../electron/io/export/run-export';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import { estate, makeRun } from './fixtures';

/** --keep leaves the output file in place and names it in the JSON line (pdf-bench.ts counts its pages). */
const keep = process.argv.includes('--keep');
const [what = 'workbook', count = '1000', dbFile] = process.argv.slice(2).filter((a) => a !== '--keep');
const via = dbFile ? 'store' : 'memory';
const n = Number(count);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-bench-'));
const out = path.join(dir, what === 'workbook' ? 'out.xlsx' : what === 'bundle' || what === 'verify' || what === 'import' ? 'out.zip' : 'out.pdf');

/** Results made on demand in batches of 100 (each domain still distinct), never all held at once. */
function* generated(): Generator<ReportItem> {
  for (let at = 0; at < n; at += 100) {
    for (const item of estate(Math.min(100, n - at), `b${at}-`)) yield item;
  }
}

function generatorSource(): ReportSource {
  const base = memorySource({ run: makeRun({ total: n }), items: [] });
  return { ...base, results: generated, mxProbes: () => memorySource({ run: base.run, items: estate(10) }).mxProbes() };
}

async function viaMemory(): Promise<void> {
  const source = generatorSource();
  if (what === 'workbook') await writeWorkbookFrom(source, out);
  else if (what === 'bundle') await writeBundleFrom(source, out, { signingKey: testSigningKey() });
  else await writeEvidencePdfFrom(source, out, { summaryOnly: what === 'summary' });
}

function prepare(file: string): void {
  const db = openDatabase(file);
  const info = createRun(db, { name: 'bench', client: 'Bench', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'system resolvers',
    domains: [...generated()].map((i) => ({ input: i.result.input, domain: i.result.domain, tags: i.tags })) });
  const pending = pendingDomains(db, info.id);
  let at = 0;
  for (const item of generated()) saveResult(db, info.id, pending[at++]!.runDomainId, item.result);
  db.close();
}

/** Through the app's and the CLI's entry point: a worker thread reading the database file. */
async function viaStore(file: string): Promise<void> {
  const db = openDatabase(file);
  if (what === 'workbook') await writeExport(db, { kind: 'workbook', runId: 1 }, out);
  else if (what === 'bundle') await writeExport(db, { kind: 'bundle', runId: 1, signingKey: testSigningKey() }, out);
  else await writeExport(db, { kind: 'pdf', runId: 1, summaryOnly: what === 'summary' }, out);
  db.close();
}

if (what === 'prepare') {
  prepare(dbFile!);
} else if (what === 'verify') {
  const written = performance.now();
  await writeBundleFrom(generatorSource(), out, { signingKey: testSigningKey(), summaryOnly: true });
  const start = performance.now();
  // As in `import` below: every domain judged again, the generated evidence's differences set aside.
  const report = await verifyBundle(out, { rejudge: (d, r) => (judgeAgain(d, r), []) });
  const seconds = (performance.now() - start) / 1000;
  if (!report.ok) throw new Error(`the bundle did not verify: ${report.problems.join('; ')}`);
  console.log(JSON.stringify({
    what, domains: n, writeSeconds: Number(((start - written) / 1000).toFixed(2)), verifySeconds: Number(seconds.toFixed(2)),
    domainsPerSecond: Math.round(n / seconds), bundleMb: Number((fs.statSync(out).size / 1e6).toFixed(1)), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} else if (what === 'import') {
  await writeBundleFrom(generatorSource(), out, { signingKey: testSigningKey(), summaryOnly: true });
  const db = openDatabase(path.join(dir, 'review.sqlite'));
  const t0 = performance.now();
  // The generated results carry evidence too thin to be judged again (no MX host addresses): every domain is
  // still judged by the engine, as on a real bundle, but the fixture's differences are not held against it.
  const { run } = await importBundle(db, out, { rejudge: (d, r) => (judgeAgain(d, r), []) });
  const t1 = performance.now();
  const source = openStoreSource(db, run.id);
  const evidenceSha = await writeEvidenceJson(source, path.join(dir, 'evidence.json'));
  source.close();
  const t2 = performance.now();
  await writeWorkbook(db, run.id, path.join(dir, 'again.xlsx'));
  const t3 = performance.now();
  db.close();
  const bundled = await (await openBundle(out)).read(BUNDLE_FILES.evidence, Infinity);
  if (!bundled.equals(fs.readFileSync(path.join(dir, 'evidence.json')))) throw new Error(`re-exported evidence.json differs from the bundle's (${evidenceSha})`);
  const sec = (a: number, b: number) => Number(((b - a) / 1000).toFixed(2));
  console.log(JSON.stringify({
    what, domains: n, importSeconds: sec(t0, t1), reexportEvidenceSeconds: sec(t1, t2), reexportWorkbookSeconds: sec(t2, t3),
    domainsPerSecondImported: Math.round(n / ((t1 - t0) / 1000)), bundleMb: Number((fs.statSync(out).size / 1e6).toFixed(1)),
    databaseMb: Number((fs.statSync(path.join(dir, 'review.sqlite')).size / 1e6).toFixed(1)), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} else {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await (dbFile ? viaStore(dbFile) : viaMemory());
  const seconds = (performance.now() - start) / 1000;
  // CPU time (user + system) of the export alone: the wall time depends on what else the machine runs.
  const cpu = process.cpuUsage(cpuStart);
  const report = {
    what, domains: n, via, seconds: Number(seconds.toFixed(2)), cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), outputMb: Number((fs.statSync(out).size / 1e6).toFixed(1)), ...(keep ? { file: out } : {}),
  };
  console.log(JSON.stringify(report));
}
if (!keep) fs.rmSync(dir, { recursive: true, force: true });
