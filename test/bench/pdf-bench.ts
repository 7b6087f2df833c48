/**
 * The PDF evidence pack at fixed estate sizes, for the record: the full pack and the summary report, each in a
 * fresh process (test/io/export/bench-export.ts, generated results streamed in batches) so the time and peak
 * RSS are the export's alone. Also counts the pages (pdfinfo), which a large estate keeps to hundreds.
 *
 *   tsx test/bench/pdf-bench.ts [sizes, default 1000,5000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
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

export function benchPdf(sizes: number[]): PdfBenchRow[] {
  const rows: PdfBenchRow[] = [];
  for (const domains of sizes) {
    for (const what of ['pdf', 'summary'] as const) {
      const child = spawnSync(process.execPath, [TSX, path.join(ROOT, 'test/io/export/bench-export.ts'), what, String(domains), '--keep'], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (child.status !== 0) throw new Error(`PDF bench ${what} ${domains} failed: ${child.stderr}`);
      const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Omit<PdfBenchRow, 'pages'> & { file: string };
      const pages = Number(execFileSync('pdfinfo', [out.file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);
      execFileSync('rm', ['-rf', path.dirname(out.file)]);
      rows.push({ what, domains, seconds: out.seconds, cpuSeconds: out.cpuSeconds, peakRssMb: out.peakRssMb, outputMb: out.outputMb, pages });
      process.stderr.write(`PDF ${what === 'pdf' ? 'full pack' : 'summary  '} ${String(domains).padStart(6)} domains: ${out.seconds.toFixed(1)} s (CPU ${out.cpuSeconds.toFixed(1)} s), peak RSS ${out.peakRssMb} MB, ${pages} pages, ${out.outputMb} MB\n`);
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchPdf((process.argv[2] ?? '1000,5000').split(',').map(Number));
}
