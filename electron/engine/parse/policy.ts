/**
 * The policy file body (RFC 8461 §3.2; CHECKS §1.3, §2.2) under the strict grammar: every diagnostic carries
 * its 1-based line. Recovery is deliberate so one defect yields one finding: a BOM is reported then skipped,
 * a line is cut at its first control character, misplaced whitespace is reported then trimmed.
 */
import { catalogueEntry, type FindingCode } from '../../../shared/findings';
import type { ParserFinding } from './parser-finding';
import { isTooBroad, isValidMxPattern } from './mx-pattern';
import { isAllWsp, isWsp, trimWsp, trimWspEnd, trimWspStart } from './wsp';

export type PolicyMode = 'enforce' | 'testing' | 'none';

export interface PolicyParse {
  /** A strict compliant sender would apply this policy. */
  valid: boolean;
  version?: string;
  mode?: PolicyMode;
  maxAge?: number;
  /** Valid `mx` patterns, lower-cased, in file order, without duplicates. */
  mx: string[];
  extensions: Record<string, string>;
  lineEndings: 'lf' | 'crlf' | 'mixed' | 'none';
  findings: ParserFinding[];
}

/** RFC 8461 §3.2 (erratum 7282): max_age upper bound, one year. */
export const MAX_AGE_LIMIT = 31_557_600;
/** Below one week a testing/enforce policy protects little between fetches (RFC 8461 §10.2 advice). */
export const MAX_AGE_SHORT = 604_800;
const MODES: readonly string[] = ['enforce', 'testing', 'none'];
const KNOWN = ['version', 'mode', 'max_age', 'mx'] as const;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** ext-value: visible characters (incl. UTF-8), single inner spaces allowed, no controls or HTAB. */
const EXT_VALUE = /^[^\x00-\x20\x7f](?:[^\x00-\x1f\x7f]*[^\x00-\x20\x7f])?$/u;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** Per code, the line-level findings listed before the rest are only counted: a 64 KB body of blank lines
 * is one problem, not 65,536 findings to build, store and show. */
const LINES_LISTED_PER_CODE = 10;
/** Per-parse bookkeeping kept off the public result: line findings per code, and the mx patterns seen. */
interface Scratch {
  tally: Map<FindingCode, { listed: number; more: number }>;
  mx: Set<string>;
}
const scratchOf = new WeakMap<PolicyParse, Scratch>();
const scratch = (out: PolicyParse): Scratch => {
  let s = scratchOf.get(out);
  if (!s) scratchOf.set(out, (s = { tally: new Map(), mx: new Set() }));
  return s;
};

function lineFinding(out: PolicyParse, code: FindingCode, message: () => string, extra: { line: number; subject?: string }): void {
  const { tally } = scratch(out);
  const t = tally.get(code) ?? { listed: 0, more: 0 };
  tally.set(code, t);
  if (t.listed >= LINES_LISTED_PER_CODE) {
    t.more++;
    return;
  }
  t.listed++;
  out.findings.push({ code, message: message(), ...extra });
}

function summariseSuppressed(out: PolicyParse): void {
  for (const [code, t] of scratch(out).tally) {
    if (t.more > 0) out.findings.push({ code, message: `and ${t.more} more line(s) with the same problem` });
  }
}

interface Line {
  text: string;
  number: number;
}

export function parsePolicy(input: Buffer | string): PolicyParse {
  // Extension names come from the policy body: a null-prototype map, so `__proto__` is just a name.
  const out: PolicyParse = { valid: false, mx: [], extensions: Object.create(null) as Record<string, string>, lineEndings: 'none', findings: [] };
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      out.findings.push({ code: 'MTASTS_HTTPS_BODY_NOT_UTF8', message: `the ${input.length}-byte body is not valid UTF-8` });
      return out;
    }
  }
  if (text.startsWith('\ufeff')) {
    out.findings.push({ code: 'MTASTS_POLICY_BOM', message: 'the body starts with a UTF-8 byte-order mark (EF BB BF)', line: 1 });
    text = text.slice(1);
  }
  const firstVisible = firstNonBlank(text);
  if (firstVisible === undefined || firstVisible === '<' || firstVisible === '{') {
    const what = firstVisible === undefined ? 'the body is empty' : `the body starts with ${JSON.stringify(firstVisible)}: a web page or JSON, not a policy`;
    out.findings.push({ code: 'MTASTS_POLICY_NOT_A_POLICY', message: what, line: 1 });
    return out;
  }
  const seen = new Map<string, string[]>();
  // Each line is parsed as it is found: 65,536 one-byte lines need no array of line objects.
  splitLines(text, out, (line) => parseLine(line, out, seen));
  summariseSuppressed(out);
  semanticChecks(out, seen);
  out.valid = !out.findings.some((f) => catalogueEntry(f.code).posture === 'invalid');
  if (out.valid) out.findings.unshift({ code: 'MTASTS_POLICY_VALID', message: `valid policy: mode ${out.mode}, max_age ${out.maxAge}, ${out.mx.length} mx pattern(s)` });
  return out;
}

/** The first character that is not SP, HTAB, CR or LF (a scan: the body is up to 64 KB of untrusted text). */
function firstNonBlank(text: string): string | undefined {
  for (const c of text) if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return c;
  return undefined;
}

/** LF or CRLF per line (erratum 6253); a lone CR stays inside its line for the control-character check. */
function splitLines(text: string, out: PolicyParse, onLine: (line: Line) => void): void {
  let count = 0;
  let lf = 0;
  let crlf = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const cr = i > start && text[i - 1] === '\r';
    if (cr) crlf++;
    else lf++;
    onLine({ text: text.slice(start, cr ? i - 1 : i), number: ++count });
    start = i + 1;
  }
  // Text after the last terminator is a final line without terminator; nothing after it is the normal end.
  if (start < text.length) onLine({ text: text.slice(start), number: ++count });
  out.lineEndings = lf && crlf ? 'mixed' : crlf ? 'crlf' : lf ? 'lf' : 'none';
  if (lf && crlf) out.findings.push({ code: 'MTASTS_POLICY_MIXED_LINE_ENDINGS', message: `${lf} LF and ${crlf} CRLF line terminators` });
}

function parseLine(line: Line, out: PolicyParse, seen: Map<string, string[]>): void {
  const at = { line: line.number };
  let text = line.text;
  const control = text === '' ? -1 : text.search(CONTROL);
  if (control >= 0) {
    const c = text.charCodeAt(control);
    const name = c === 0x0d ? 'a CR not followed by LF' : c === 0 ? 'a NUL byte' : `control character 0x${c.toString(16).padStart(2, '0')}`;
    lineFinding(out, 'MTASTS_POLICY_CONTROL_CHARS', () => `line ${line.number}: ${name} at column ${control + 1}`, at);
    text = text.slice(0, control);
  }
  if (isAllWsp(text)) {
    if (control < 0) lineFinding(out, 'MTASTS_POLICY_BLANK_LINE', () => `line ${line.number} is empty`, at);
    return;
  }
  if (trimWspStart(text).startsWith('#')) {
    lineFinding(out, 'MTASTS_POLICY_BLANK_LINE', () => `line ${line.number} is a comment line; the format has no comments`, at);
    return;
  }
  if (isWsp(text[0])) {
    lineFinding(out, 'MTASTS_POLICY_WHITESPACE_MISPLACED', () => `line ${line.number} starts with whitespace`, at);
    text = trimWspStart(text);
  }
  const colon = text.indexOf(':');
  if (colon < 0) {
    lineFinding(out, 'MTASTS_POLICY_SYNTAX_INVALID', () => `line ${line.number} has no ":": ${JSON.stringify(text.slice(0, 60))}`, at);
    return;
  }
  let name = text.slice(0, colon);
  const value = trimWsp(text.slice(colon + 1));
  if (isWsp(name[name.length - 1])) {
    lineFinding(out, 'MTASTS_POLICY_WHITESPACE_MISPLACED', () => `line ${line.number}: whitespace between "${name.trim()}" and ":"`, at);
    name = trimWspEnd(name);
  }
  if ((KNOWN as readonly string[]).includes(name)) {
    const values = seen.get(name) ?? [];
    values.push(value);
    seen.set(name, values);
    knownField(name as (typeof KNOWN)[number], value, values.length === 1, line.number, out);
    return;
  }
  if ((KNOWN as readonly string[]).includes(name.toLowerCase())) {
    lineFinding(out, 'MTASTS_POLICY_KEY_CASE', () => `line ${line.number}: field name "${name}" must be "${name.toLowerCase()}" (names are case-sensitive); senders ignore this line`, at);
    return;
  }
  if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
    const what = !EXT_NAME.test(name) ? `field name ${JSON.stringify(name.slice(0, 40))} is not a valid extension name` : `field "${name}" has an empty or malformed value`;
    lineFinding(out, 'MTASTS_POLICY_EXTENSION_INVALID', () => `line ${line.number}: ${what}`, at);
    return;
  }
  if (!Object.hasOwn(out.extensions, name)) out.extensions[name] = value;
  lineFinding(out, 'MTASTS_POLICY_UNKNOWN_FIELD', () => `line ${line.number}: extension field "${name}" is ignored by senders`, at);
}

function knownField(name: (typeof KNOWN)[number], value: string, first: boolean, lineNo: number, out: PolicyParse): void {
  const at = { line: lineNo };
  const shown = JSON.stringify(value.slice(0, 80));
  if (name === 'mx') {
    if (!isValidMxPattern(value)) {
      lineFinding(out, 'MTASTS_POLICY_MX_INVALID', () => `line ${lineNo}: mx ${shown} is not a host name or "*." + host name in A-label form`, { ...at, subject: value.slice(0, 253) });
      return;
    }
    const pattern = value.toLowerCase();
    const seenMx = scratch(out).mx;
    if (seenMx.has(pattern)) {
      lineFinding(out, 'MTASTS_POLICY_MX_DUPLICATE', () => `line ${lineNo}: mx ${shown} repeats an earlier line`, { ...at, subject: pattern });
      return;
    }
    seenMx.add(pattern);
    out.mx.push(pattern);
    if (isTooBroad(pattern)) lineFinding(out, 'MTASTS_POLICY_MX_TOO_BROAD', () => `line ${lineNo}: ${pattern} sits directly under a public suffix`, { ...at, subject: pattern });
    return;
  }
  if (!first) return; // duplicates are reported once, with all values, in semanticChecks
  if (name === 'version') {
    out.version = value;
    if (value !== 'STSv1') lineFinding(out, 'MTASTS_POLICY_VERSION_INVALID', () => `line ${lineNo}: version ${shown} is not "STSv1"`, at);
  } else if (name === 'mode') {
    if (MODES.includes(value)) out.mode = value as PolicyMode;
    else lineFinding(out, 'MTASTS_POLICY_MODE_INVALID', () => `line ${lineNo}: mode ${shown} is not enforce, testing or none (case-sensitive)`, at);
  } else {
    if (!/^\d{1,10}$/.test(value)) {
      lineFinding(out, 'MTASTS_POLICY_MAX_AGE_INVALID', () => `line ${lineNo}: max_age ${shown} is not 1–10 digits`, at);
      return;
    }
    out.maxAge = Number(value);
    if (out.maxAge > MAX_AGE_LIMIT) lineFinding(out, 'MTASTS_POLICY_MAX_AGE_TOO_LARGE', () => `line ${lineNo}: max_age ${out.maxAge} exceeds ${MAX_AGE_LIMIT} (one year)`, at);
  }
}

function semanticChecks(out: PolicyParse, seen: Map<string, string[]>): void {
  for (const name of ['version', 'mode', 'max_age'] as const) {
    const values = seen.get(name);
    if (values && values.length > 1) {
      out.findings.push({ code: 'MTASTS_POLICY_DUPLICATE_FIELD', message: `"${name}" appears ${values.length} times (${values.slice(0, 5).map((v) => JSON.stringify(v.slice(0, 40))).join(', ')}${values.length > 5 ? ', …' : ''}); the first is used, senders keeping the last differ` });
    }
  }
  if (!seen.has('version')) out.findings.push({ code: 'MTASTS_POLICY_VERSION_INVALID', message: 'no "version" field' });
  if (!seen.has('mode')) out.findings.push({ code: 'MTASTS_POLICY_MODE_INVALID', message: 'no "mode" field' });
  if (!seen.has('max_age')) out.findings.push({ code: 'MTASTS_POLICY_MAX_AGE_INVALID', message: 'no "max_age" field' });
  const active = out.mode === 'enforce' || out.mode === 'testing';
  if (active && !seen.has('mx')) out.findings.push({ code: 'MTASTS_POLICY_MX_MISSING', message: `mode ${out.mode} without any "mx" line` });
  if (active && out.maxAge !== undefined && out.maxAge < MAX_AGE_SHORT) {
    out.findings.push({ code: 'MTASTS_POLICY_MAX_AGE_SHORT', message: `max_age ${out.maxAge} is under one week (${MAX_AGE_SHORT})` });
  }
}
