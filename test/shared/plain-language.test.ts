import { describe, expect, it } from 'vitest';
import { CATALOGUE, FINDING_CODES, type FindingCode } from '../../shared/findings';
import { PLAIN_TEXT, plainText, type PlainText } from '../../shared/plain-language';
import { POSTURE_LABEL, SEVERITY_LABEL } from '../../shared/labels';
import { OUTCOME_LABEL, OUTCOME_MEANING } from '../../shared/outcome';
import { CHANGE_CLASS_LABEL, CHANGE_CLASS_MEANING } from '../../shared/changes';
import { DANE_LABEL, POSTURE_MEANING, STARTTLS_LABEL, TLSRPT_LABEL } from '../../electron/io/report/labels';

/** Words for engineers that must never reach a client: each with the reason it is reported. */
const ENGINEER_WORDS: readonly [RegExp, string][] = [
  [/`/, 'a backtick'],
  [/<[A-Za-z][\w-]*>/, 'a <placeholder>'],
  [/\{[\w\s.-]*\}/, 'a {placeholder}'],
  [/§/, 'a section sign'],
  [/see Conventions/i, '"see Conventions"'],
  [/Not raised/i, '"Not raised"'],
  [/\[P:/, 'a posture tag'],
  [/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/, 'a finding code'],
  [/\bRFC\s*\d/, 'an RFC number'],
];

function engineerWords(text: string): string[] {
  return ENGINEER_WORDS.filter(([re]) => re.test(text)).map(([, why]) => why);
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** Every rule a client-facing entry breaks, as "CODE field: problem" lines. */
function problems(code: FindingCode, p: PlainText): string[] {
  const out: string[] = [];
  const report = (field: string, problem: string) => out.push(`${code} ${field}: ${problem}`);
  const fields: [string, string][] = [['title', p.title], ['impact', p.impact], ...p.fix.map((s, i): [string, string] => [`fix[${i}]`, s])];
  for (const [field, text] of fields) for (const why of engineerWords(text)) report(field, `contains ${why}`);

  if (p.title.length > 70) report('title', `is ${p.title.length} characters (max 70)`);
  if (/\.\s*$/.test(p.title)) report('title', 'ends with a period');
  if (!/^[A-Z]/.test(p.title)) report('title', 'does not start with a capital letter');

  // One sentence: a capital first, one full stop at the very end, no sentence break or clause-joining ";" inside.
  if (!/^[A-Z].*\.$/s.test(p.impact)) report('impact', 'is not a capitalised sentence ending in a period');
  if (/[.!?]["')]?\s/.test(p.impact)) report('impact', 'has more than one sentence');
  if (/;\s/.test(p.impact)) report('impact', 'joins two sentences with a semicolon');

  const severity = CATALOGUE[code].severity;
  if (severity !== 'info' && p.fix.length === 0) report('fix', `is empty for a ${severity} finding`);
  // Critical means compliant senders do not deliver: the impact must say so.
  if (severity === 'critical' && !/\b(hold|bounce|cannot be delivered)/.test(p.impact)) report('impact', 'does not say that mail is held or bounced');
  p.fix.forEach((step, i) => {
    if (words(step) < 4) report(`fix[${i}]`, `has ${words(step)} words (min 4)`);
    if (!/^[A-Z].*\.$/s.test(step)) report(`fix[${i}]`, 'is not a capitalised sentence ending in a period');
  });
  return out;
}

describe('plain-language catalogue text', () => {
  it('has an entry for every finding code and none for unknown codes', () => {
    const missing = FINDING_CODES.filter((c) => !Object.hasOwn(PLAIN_TEXT, c));
    expect(missing, `codes without client text in shared/plain-language.ts: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(PLAIN_TEXT).filter((c) => !FINDING_CODES.includes(c as FindingCode));
    expect(stale, `entries for codes that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('gives every code a plain title, a one-sentence impact and actionable steps', () => {
    const found = FINDING_CODES.filter((c) => Object.hasOwn(PLAIN_TEXT, c)).flatMap((c) => problems(c, plainText(c)));
    expect(found).toEqual([]);
  });

  it('serves every code through plainText, the function the surfaces call, and names a code it lacks', () => {
    for (const code of FINDING_CODES) {
      const p = plainText(code);
      expect(p, code).toBe(PLAIN_TEXT[code]);
      expect(engineerWords([p.title, p.impact, ...p.fix].join('\n')), code).toEqual([]);
    }
    expect(() => plainText('HTTP_NEW_CODE' as FindingCode)).toThrow(/HTTP_NEW_CODE/);
  });

  it('would catch the spec text: the catalogue remediation column fails these rules', () => {
    // The check is only worth having if it rejects what it replaces: the spec's remediation for these codes.
    const flagged = (['MTASTS_DNS_RECORD_MISSING', 'MTASTS_DNS_ID_MISSING', 'TLSRPT_RECORD_MISSING', 'MTASTS_POLICY_SYNTAX_INVALID', 'STARTTLS_CERT_EXPIRED'] as const)
      .map((code) => problems(code, { title: CATALOGUE[code].title, impact: CATALOGUE[code].description, fix: [CATALOGUE[code].remediation] }));
    for (const list of flagged) expect(list.length).toBeGreaterThan(0);
    expect(flagged[0]!.join('\n')).toMatch(/backtick/);
    expect(flagged[0]!.join('\n')).toMatch(/<placeholder>/);
    expect(flagged[3]!.join('\n')).toMatch(/fix\[0\]: has 3 words/);
    expect(flagged[4]!.join('\n')).toMatch(/fix\[0\]: has 1 words/);
  });

  it('keeps the labels the exports and the UI already print free of engineer words', () => {
    const labels: Record<string, Readonly<Record<string, string>>> = {
      POSTURE_LABEL, SEVERITY_LABEL, POSTURE_MEANING, STARTTLS_LABEL, DANE_LABEL, TLSRPT_LABEL,
      OUTCOME_LABEL, OUTCOME_MEANING, CHANGE_CLASS_LABEL, CHANGE_CLASS_MEANING,
    };
    const found = Object.entries(labels).flatMap(([name, table]) =>
      Object.entries(table).flatMap(([key, text]) => engineerWords(text).map((why) => `${name}.${key} contains ${why}`)));
    expect(found).toEqual([]);
  });
});
