/**
 * 64 KB hostile inputs for every parser: long runs of the characters their patterns loop over (spaces, tabs,
 * commas, dots, semicolons), with and without the delimiter that would end the run. Shared by the linear-time
 * test and the benchmark's parser report, so both measure the same inputs.
 */
import { parsePolicy } from '../../../electron/engine/parse/policy';
import { parseStsRecords, isStsLike } from '../../../electron/engine/parse/sts-record';
import { parseTlsRptRecords } from '../../../electron/engine/parse/tlsrpt-record';
import { isValidMxPattern, matchMxPattern, certNameMatches, wildcardDepthHint, isTooBroad } from '../../../electron/engine/parse/mx-pattern';
import { isHostname, isIpLiteral, normaliseDomain } from '../../../electron/engine/parse/domain-name';

export const SIZE = 64 * 1024;

const fill = (unit: string, size = SIZE) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Runs a parser cannot afford to be quadratic in, each 64 KB long. */
export const RUNS: Record<string, string> = {
  spaces: fill(' '),
  tabs: fill('\t'),
  'space-tab': fill(' \t'),
  'space-comma': fill(' ,'),
  'comma-space': fill(', '),
  'space-semicolon': fill(' ;'),
  dots: fill('.'),
  'label-dot': fill('a.'),
  'star-dot': fill('*.'),
  letters: fill('a'),
  'colon-space': fill(': '),
  'equals-space': fill('= '),
  'at-signs': fill('@'),
  percent: fill('%'),
  newlines: fill('\n'),
  'space-newline': fill(' \n'),
  crlf: fill('\r\n'),
  'field-lines': fill('x\n'),
  'mx-lines': fill('mx: a.b\n'),
  cr: fill('\r'),
  'short-elements': fill('x,'),
  'mailto-elements': fill('mailto:a@b.example,'),
  'https-elements': fill('https://r.example/,'),
};

export interface AdversarialCase {
  parser: string;
  input: string;
  run: () => unknown;
}

/** Every parser fed every run in the places its patterns scan: after a prefix, before a delimiter, at the end. */
export function adversarialCases(): AdversarialCase[] {
  const cases: AdversarialCase[] = [];
  const add = (parser: string, input: string, run: () => unknown) => cases.push({ parser, input, run });
  for (const [name, run] of Object.entries(RUNS)) {
    const sts = [`v=STSv1; id=1;${run}`, `v=STSv1; id=1${run}x`, `v=STSv1;${run};id=1`, `v=STSv1${run}`, `v=STSv1; x=${run}y`, run, `${run}v=`];
    sts.forEach((t, i) => add('sts-record', `${name}#${i}`, () => { isStsLike(t); return parseStsRecords([t, t]) && parseStsRecords([t]); }));
    const rpt = [`v=TLSRPTv1; rua=mailto:a@b.example${run}`, `v=TLSRPTv1; rua=${run}x`, `v=TLSRPTv1; rua=mailto:a@b.example,${run},https://c.example/`,
      `v=TLSRPTv1;${run}`, `v=TLSRPTv1; rua=mailto:${run}@b.example`, `v=TLSRPTv1; rua=https://${run}/`, run];
    rpt.forEach((t, i) => add('tlsrpt-record', `${name}#${i}`, () => parseTlsRptRecords([t], 'example.com')));
    const policy = [`version: STSv1\nmode: enforce\nmax_age: 86400\nmx: a${run}\n`, `version:${run}STSv1\n`, `mode${run}:enforce\n`, `x: a${run}b\n`,
      `${run}x: y\n`, `version: STSv1${run}`, run, `mx: ${run}`];
    policy.forEach((t, i) => add('policy', `${name}#${i}`, () => parsePolicy(t)));
    const hosts = [run, `a${run}`, `${run}.example.com`, `*.${run}`, `[${run}]`, `${run}.`];
    hosts.forEach((h, i) => add('mx-pattern', `${name}#${i}`, () => [isValidMxPattern(h), matchMxPattern(h, h), matchMxPattern('*.example.com', h), wildcardDepthHint(h, h), isTooBroad(h.slice(0, 300)), certNameMatches(h, h)]));
    hosts.forEach((h, i) => add('domain-name', `${name}#${i}`, () => [normaliseDomain(h), isHostname(h), isIpLiteral(h)]));
  }
  return cases;
}

/** Best of `tries` CPU-time measurements in milliseconds (robust to a loaded machine). */
export function bestCpuMs(fn: () => unknown, tries = 3): number {
  let best = Infinity;
  for (let t = 0; t < tries; t++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}
