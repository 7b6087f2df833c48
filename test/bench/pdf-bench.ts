/**
 * The PDF evidence pack at fixed estate sizes, for the record: the full pack and the summary report of a run
 * stored in a SQLite file (test/io/export/bench-export.ts prepare), each exported in a fresh process through
 * the app's and the CLI's entry point (a worker thread reading the file), so the time and peak RSS are the
 * export's alone. Also counts the pages (pdfinfo), which a large estate keeps to hundreds.
 *
 *   tsx test/bench/pdf-bench.ts [sizes, default 1000,5000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface PdfBenchRow {
  what: 'pdf' | 'summary';
  domains: number;
  seconds: number;
  /** CPU time (user + system) of the export: comparable across runs on a busy machine, unlike the wall time. */
  cpuSeconds: number;
  peakRssMb: number;
  outputMb: number;
  pages: number;
}

const BENCH_EXPORT = path.join(ROOT, 'test/io/export/bench-export.ts');

export function benchPdf(sizes: number[]): PdfBenchRow[] {
  const rows: PdfBenchRow[] = [];
  for (const domains of sizes) {
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-bench-'));
    const db = path.join(store, 'run.sqlite');
    execFileSync(process.execPath, [TSX, BENCH_EXPORT, 'prepare', String(domains), db], { stdio: ['ignore', 'ignore', 'inherit'] });
    for (const what of ['pdf', 'summary'] as const) {
      const child = spawnSync(process.execPath, [TSX, BENCH_EXPORT, what, String(domains), db, '--keep'], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (child.status !== 0) throw new Error(`PDF bench ${what} ${domains} failed: ${child.stderr}`);
      const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Omit<PdfBenchRow, 'pages'> & { file: string };
      const pages = Number(execFileSync('pdfinfo', [out.file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);
      execFileSync('rm', ['-rf', path.dirname(out.file)]);
      rows.push({ what, domains, seconds: out.seconds, cpuSeconds: out.cpuSeconds, peakRssMb: out.peakRssMb, outputMb: out.outputMb, pages });
      process.stderr.write(`PDF ${what === 'pdf' ? 'full pack' : 'summary  '} ${String(domains).padStart(6)} domains: ${out.seconds.toFixed(1)} s (CPU ${out.cpuSeconds.toFixed(1)} s), peak RSS ${out.peakRssMb} MB, ${pages} pages, ${out.outputMb} MB\n`);
    }
    fs.rmSync(store, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchPdf((process.argv[2] ?? '1000,5000').split(',').map(Number));
}
