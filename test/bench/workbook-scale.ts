/**
 * The workbook of a large stored run, for the benchmark: `prepare <domains> <file.sqlite>` saves a run of that
 * many domains (test/io/export/scale-fixture.ts: realistic evidence, about 11 Evidence rows a domain), and
 * `export <file.sqlite> <out.xlsx>` exports run 1 through the real entry point (a worker thread, as the app and
 * the CLI export) in this process alone, so the peak RSS is the export's. Each prints one JSON line.
 */
import fs from 'node:fs';
import { writeExport } from '../../electron/io/export/run-export';
import { openDatabase } from '../../electron/store/db';
import { storeScaleRun } from '../io/export/scale-fixture';

const [what, a, b] = process.argv.slice(2);
const t0 = performance.now();
if (what === 'prepare') {
  const db = openDatabase(b!);
  storeScaleRun(db, Number(a));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(JSON.stringify({ prepared: Number(a), seconds: +((performance.now() - t0) / 1000).toFixed(1) }));
} else if (what === 'export') {
  const db = openDatabase(a!);
  const cpu0 = process.cpuUsage();
  await writeExport(db, { kind: 'workbook', runId: 1, auditor: 'Benchmark' }, b!);
  const cpu = process.cpuUsage(cpu0);
  db.close();
  console.log(JSON.stringify({
    wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), bytes: fs.statSync(b!).size,
  }));
} else {
  throw new Error('usage: workbook-scale.ts prepare <domains> <file.sqlite> | export <file.sqlite> <out.xlsx>');
}
