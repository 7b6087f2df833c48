/**
 * `lint --jsonl`: one JSON request per stdin line, one JSON answer per line, in order. The parsers are the
 * engine's own, so this is the way to test our RFC reading against other implementations' vectors.
 */
import readline from 'node:readline';
import { catalogueEntry } from '../../shared/findings';
import { parsePolicy } from '../engine/parse/policy';
import { parseStsRecords } from '../engine/parse/sts-record';
import { parseTlsRptRecords } from '../engine/parse/tlsrpt-record';
import { matchMxPattern } from '../engine/parse/mx-pattern';
import type { ParserFinding } from '../engine/parse/parser-finding';
import { jsonLine } from './format';

const MAX_LINE = 1_000_000;

function findingsOut(fs: ParserFinding[]) {
  return fs.map((f) => ({ code: f.code, severity: catalogueEntry(f.code).severity, message: f.message, ...(f.line !== undefined ? { line: f.line } : {}) }));
}

function strings(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`"${field}" must be an array of strings`);
  return v;
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new Error(`"${field}" must be a string`);
  return v;
}

export function lintOne(req: unknown): unknown {
  if (typeof req !== 'object' || req === null) throw new Error('each line must be a JSON object');
  const r = req as Record<string, unknown>;
  switch (r.kind) {
    case 'policy': {
      const p = parsePolicy(str(r.input, 'input'));
      return { valid: p.valid, mode: p.mode ?? null, max_age: p.maxAge ?? null, mx: p.mx, findings: findingsOut(p.findings) };
    }
    case 'sts_txt': {
      const p = parseStsRecords(strings(r.records, 'records'));
      return { valid: p.valid, id: p.id ?? null, findings: findingsOut(p.findings) };
    }
    case 'tlsrpt_txt': {
      const p = parseTlsRptRecords(strings(r.records, 'records'));
      return { valid: p.valid, rua: p.rua.map((u) => u.uri), findings: findingsOut(p.findings) };
    }
    case 'mx_match':
      return { match: matchMxPattern(str(r.pattern, 'pattern'), str(r.host, 'host')) };
    default:
      throw new Error(`unknown kind ${JSON.stringify(r.kind)}; expected policy, sts_txt, tlsrpt_txt or mx_match`);
  }
}

export async function runLint(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let errors = 0;
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let answer: unknown;
    try {
      if (line.length > MAX_LINE) throw new Error(`line longer than ${MAX_LINE} characters`);
      answer = lintOne(JSON.parse(line));
    } catch (e) {
      errors++;
      answer = { error: (e as Error).message };
    }
    output.write(jsonLine(answer));
  }
  return errors > 0 ? 1 : 0;
}
