import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/engine/parse/policy';

const GOOD = ['version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'mx: *.example.net', 'max_age: 604800'];
const body = (lines: string[], eol = '\n', end = eol) => lines.join(eol) + end;
const codes = (input: string | Buffer) => parsePolicy(input).findings.map((f) => f.code).sort();

describe('policy file grammar (RFC 8461 §3.2, CHECKS §2.2)', () => {
  it('accepts LF, CRLF, no final terminator, and any field order', () => {
    for (const text of [body(GOOD), body(GOOD, '\r\n'), body(GOOD, '\n', ''), body([...GOOD].reverse())]) {
      const p = parsePolicy(text);
      expect(p.valid).toBe(true);
      expect(p).toMatchObject({ mode: 'enforce', maxAge: 604800 });
      expect([...p.mx].sort()).toEqual(['*.example.net', 'mail.example.com']);
      expect(codes(text)).toEqual(['MTASTS_POLICY_VALID']);
    }
  });

  it('accepts mixed line endings with a low finding (erratum 6253)', () => {
    const text = 'version: STSv1\r\nmode: enforce\nmx: a.example.com\r\nmax_age: 604800\n';
    expect(parsePolicy(text).valid).toBe(true);
    expect(parsePolicy(text).lineEndings).toBe('mixed');
    expect(codes(text)).toEqual(['MTASTS_POLICY_MIXED_LINE_ENDINGS', 'MTASTS_POLICY_VALID']);
  });

  it('allows trailing whitespace after a value and WSP (incl. HTAB) after the colon', () => {
    expect(parsePolicy('version:\tSTSv1  \nmode:   enforce\t\nmx: a.example.com\nmax_age: 604800\n').valid).toBe(true);
  });

  it.each([
    ['a blank line', body(['version: STSv1', '', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800']), 'MTASTS_POLICY_BLANK_LINE', 2],
    ['two terminators at the end', `${body(GOOD)}\n`, 'MTASTS_POLICY_BLANK_LINE', 6],
    ['a comment line', body(['# policy', ...GOOD]), 'MTASTS_POLICY_BLANK_LINE', 1],
    ['a leading space', body(['version: STSv1', ' mode: enforce', 'mx: a.example.com', 'max_age: 604800']), 'MTASTS_POLICY_WHITESPACE_MISPLACED', 2],
    ['space before the colon', body(['version: STSv1', 'mode : enforce', 'mx: a.example.com', 'max_age: 604800']), 'MTASTS_POLICY_WHITESPACE_MISPLACED', 2],
    ['a lone CR', 'version: STSv1\nmode: enforce\rmx: a.example.com\nmax_age: 604800\n', 'MTASTS_POLICY_CONTROL_CHARS', 2],
    ['a NUL', 'version: STSv1\nmode: enforce\nmx: a.example.com\u0000\nmax_age: 604800\n', 'MTASTS_POLICY_CONTROL_CHARS', 3],
    ['a line without colon', body([...GOOD, 'junk']), 'MTASTS_POLICY_SYNTAX_INVALID', 6],
    ['Mode: (key case)', body(['version: STSv1', 'Mode: enforce', 'mx: a.example.com', 'max_age: 604800']), 'MTASTS_POLICY_KEY_CASE', 2],
  ])('rejects %s with a line number', (_what, text, code, line) => {
    const p = parsePolicy(text);
    expect(p.valid).toBe(false);
    expect(p.findings.find((f) => f.code === code)?.line).toBe(line);
  });

  it('reports a BOM once and still reads the fields after it', () => {
    const p = parsePolicy(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body(GOOD))]));
    expect(p.findings.map((f) => f.code)).toEqual(['MTASTS_POLICY_BOM']);
    expect(p.mode).toBe('enforce');
    expect(p.valid).toBe(false);
  });

  it('rejects bytes that are not UTF-8, and HTML or empty bodies', () => {
    expect(codes(Buffer.from([0x76, 0xff, 0x0a]))).toEqual(['MTASTS_HTTPS_BODY_NOT_UTF8']);
    expect(codes('<!doctype html><p>hi</p>')).toEqual(['MTASTS_POLICY_NOT_A_POLICY']);
    expect(codes('  {"mode":"enforce"}')).toEqual(['MTASTS_POLICY_NOT_A_POLICY']);
    expect(codes('')).toEqual(['MTASTS_POLICY_NOT_A_POLICY']);
  });

  it('is case-sensitive on values', () => {
    expect(codes(body(['version: stsv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800']))).toEqual(['MTASTS_POLICY_VERSION_INVALID']);
    for (const mode of ['Enforce', 'enforced', 'report', '']) {
      expect(codes(body(['version: STSv1', `mode: ${mode}`, 'mx: a.example.com', 'max_age: 604800']))).toEqual(['MTASTS_POLICY_MODE_INVALID']);
    }
  });

  it('bounds max_age: 0…31557600, 1–10 digits, leading zeros fine', () => {
    const withAge = (v: string, mode = 'enforce') => body(['version: STSv1', `mode: ${mode}`, 'mx: a.example.com', `max_age: ${v}`]);
    expect(parsePolicy(withAge('0000604800')).maxAge).toBe(604800);
    expect(codes(withAge('31557600'))).toEqual(['MTASTS_POLICY_VALID']);
    expect(codes(withAge('31557601'))).toEqual(['MTASTS_POLICY_MAX_AGE_TOO_LARGE']);
    for (const bad of ['-1', '+5', '1.5', '1e6', '12 34', '12345678901', 'abc']) expect(codes(withAge(bad))).toEqual(['MTASTS_POLICY_MAX_AGE_INVALID']);
    expect(codes(withAge('0'))).toEqual(['MTASTS_POLICY_MAX_AGE_SHORT', 'MTASTS_POLICY_VALID']);
    expect(codes(withAge('0', 'none'))).toEqual(['MTASTS_POLICY_VALID']);
  });

  it('treats extension names such as constructor or toString as plain names', () => {
    const base = 'version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 1209600\n';
    const p = parsePolicy(`${base}constructor: a\ntoString: b\nconstructor: c\n`);
    expect(p.valid).toBe(true);
    expect(Object.entries(p.extensions)).toEqual([['constructor', 'a'], ['toString', 'b']]);
    expect(codes(`${base}hasOwnProperty: x\n`)).toEqual(['MTASTS_POLICY_UNKNOWN_FIELD', 'MTASTS_POLICY_VALID']);
  });

  it('keeps the first of duplicated fields and warns', () => {
    const p = parsePolicy(body([...GOOD, 'mode: testing']));
    expect(p.mode).toBe('enforce');
    expect(p.findings.map((f) => f.code).sort()).toEqual(['MTASTS_POLICY_DUPLICATE_FIELD', 'MTASTS_POLICY_VALID']);
    expect(p.findings.find((f) => f.code === 'MTASTS_POLICY_DUPLICATE_FIELD')!.message).toContain('"testing"');
  });

  it('requires version, mode and max_age, and mx unless mode is none', () => {
    expect(codes('mx: a.example.com\n')).toEqual(['MTASTS_POLICY_MAX_AGE_INVALID', 'MTASTS_POLICY_MODE_INVALID', 'MTASTS_POLICY_VERSION_INVALID']);
    expect(codes(body(['version: STSv1', 'mode: testing', 'max_age: 604800']))).toEqual(['MTASTS_POLICY_MX_MISSING']);
    expect(codes(body(['version: STSv1', 'mode: none', 'max_age: 86400']))).toEqual(['MTASTS_POLICY_VALID']);
  });

  it('ignores well-formed extensions (value may hold ":" "=" and UTF-8) and rejects malformed ones', () => {
    const p = parsePolicy(body([...GOOD, 'contact: mailto:postmaster@example.com?x=1', 'note: grüße an alle']));
    expect(p.valid).toBe(true);
    expect(p.extensions).toEqual({ contact: 'mailto:postmaster@example.com?x=1', note: 'grüße an alle' });
    for (const line of ['_x: 1', `${'a'.repeat(33)}: 1`, 'x!: 1', 'x:', 'x: a\tb']) {
      expect(codes(body([...GOOD, line]))).toEqual(['MTASTS_POLICY_EXTENSION_INVALID']);
    }
  });

  it('validates mx patterns strictly and reports duplicates and public-suffix wildcards', () => {
    const withMx = (...mx: string[]) => body(['version: STSv1', 'mode: enforce', ...mx.map((m) => `mx: ${m}`), 'max_age: 604800']);
    for (const bad of ['.example.com', '*', '*example.com', 'mx*.example.com', 'a.*.example.com', '*.*.example.com', 'mail.example.com.', 'mail_1.example.com', '-a.example.com', 'a..example.com', '192.0.2.1', 'bücher.example', 'a.example.com b.example.com', `${'a'.repeat(64)}.example.com`]) {
      expect(codes(withMx(bad)), bad).toEqual(['MTASTS_POLICY_MX_INVALID']);
    }
    expect(codes(withMx('*.example.com', '*.EXAMPLE.com'))).toEqual(['MTASTS_POLICY_MX_DUPLICATE', 'MTASTS_POLICY_VALID']);
    expect(codes(withMx('*.com'))).toEqual(['MTASTS_POLICY_MX_TOO_BROAD', 'MTASTS_POLICY_VALID']);
    expect(codes(withMx('*.co.uk'))).toEqual(['MTASTS_POLICY_MX_TOO_BROAD', 'MTASTS_POLICY_VALID']);
    expect(codes(withMx('*.herokuapp.com'))).toEqual(['MTASTS_POLICY_MX_TOO_BROAD', 'MTASTS_POLICY_VALID']);
    expect(codes(withMx('*.xn--bcher-kva.example'))).toEqual(['MTASTS_POLICY_VALID']);
  });
});
