/**
 * Speed and peak memory of the importer on generated estates (not a test: timings depend on the machine).
 *
 *   tsx test/io/import/measure-import.ts gen <dir> [rows]      writes estate-<rows>.csv and .xlsx
 *   tsx test/io/import/measure-import.ts read <file> [auto|memory|stream]
 *
 * Run each `read` in its own process so maxRSS is that import's peak.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readDomainsFile } from '../../../electron/io/read-domains';
import { fileSource } from '../../../electron/io/byte-source';
import { importXlsx } from '../../../electron/io/import/xlsx/import-xlsx';
import { openXlsxInMemory } from '../../../electron/io/import/xlsx/read-whole';
import { openXlsxStream } from '../../../electron/io/import/xlsx/read-streamed';

function estateRow(i: number): string[] {
  return [`host-${i}.example${i % 97}.com`, `Client ${i % 50}`, `BU ${i % 7}`, `owner${i}@corp.example`];
}

async function generate(dir: string, rows: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const lines = ['Domain,Client,Business unit,Owner'];
  for (let i = 0; i < rows; i++) lines.push(estateRow(i).join(','));
  fs.writeFileSync(path.join(dir, `estate-${rows}.csv`), `${lines.join('\n')}\n`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, `estate-${rows}.xlsx`), useSharedStrings: true });
  const ws = wb.addWorksheet('Domains');
  ws.addRow(['Domain', 'Client', 'Business unit', 'Owner']).commit();
  for (let i = 0; i < rows; i++) ws.addRow(estateRow(i)).commit();
  ws.commit();
  await wb.commit();
}

async function read(file: string, mode: string): Promise<void> {
  const t0 = performance.now();
  const result = mode === 'auto'
    ? await readDomainsFile(file)
    : await importXlsx(await fileSource(file, path.basename(file)), {}, mode === 'memory' ? openXlsxInMemory : openXlsxStream);
  const ms = performance.now() - t0;
  const rss = process.resourceUsage().maxRSS / 1024;
  // With NODE_OPTIONS=--expose-gc: what stays on the heap is the result itself (the rows the caller keeps).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const kept = gc ? `, heap after GC ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB` : '';
  console.log(`${path.basename(file)} ${mode}: ${result.rows.length} rows, ${result.rejects.length} rejects in ${(ms / 1000).toFixed(2)} s, peak RSS ${rss.toFixed(0)} MB${kept}`);
}

const [cmd, target, arg] = process.argv.slice(2);
if (cmd === 'gen' && target) await generate(target, Number(arg ?? 100_000));
else if (cmd === 'read' && target) await read(target, arg ?? 'auto');
else console.error('usage: measure-import.ts gen <dir> [rows] | read <file> [auto|memory|stream]');
