/**
 * The parsers' worst case (`npm run bench -- --parsers`): every parser fed the same 64 KB adversarial inputs
 * as test/engine/parse/linear-time.test.ts, best of three CPU measurements each, and the worst input per
 * parser reported. The issue's criterion is under 50 ms per input.
 */
import { adversarialCases, bestCpuMs, SIZE } from '../engine/parse/adversarial-inputs';

export interface ParserWorst {
  parser: string;
  inputs: number;
  worstInput: string;
  worstCpuMs: number;
}

export function parserReport(): { inputBytes: number; parsers: ParserWorst[] } {
  const byParser = new Map<string, ParserWorst>();
  for (const c of adversarialCases()) {
    const ms = bestCpuMs(c.run);
    const w = byParser.get(c.parser) ?? { parser: c.parser, inputs: 0, worstInput: c.input, worstCpuMs: -1 };
    w.inputs++;
    if (ms > w.worstCpuMs) Object.assign(w, { worstInput: c.input, worstCpuMs: +ms.toFixed(2) });
    byParser.set(c.parser, w);
  }
  return { inputBytes: SIZE, parsers: [...byParser.values()] };
}

export function printParserReport(report: ReturnType<typeof parserReport>): void {
  process.stderr.write(`\nparsers on ${report.inputBytes / 1024} KB adversarial inputs (best of 3, CPU ms; limit 50):\n`);
  process.stderr.write(`${'parser'.padEnd(14)} ${'inputs'.padStart(6)} ${'worst ms'.padStart(9)}  worst input\n`);
  for (const p of report.parsers) {
    process.stderr.write(`${p.parser.padEnd(14)} ${String(p.inputs).padStart(6)} ${String(p.worstCpuMs).padStart(9)}  ${p.worstInput}\n`);
  }
}
