import { describe, expect, it } from 'vitest';
import { parseStsRecords } from '../../../electron/engine/parse/sts-record';

const codes = (...records: string[]) => parseStsRecords(records).findings.map((f) => f.code).sort();

describe('_mta-sts TXT record (RFC 8461 §3.1, CHECKS §2.1)', () => {
  it('accepts the canonical forms', () => {
    for (const r of ['v=STSv1; id=20240501T120000Z', 'v=STSv1;id=1', 'v=STSv1; id=abc;', 'v=STSv1;\tid=abc ;', `v=STSv1; id=${'a'.repeat(32)}`]) {
      const p = parseStsRecords([r]);
      expect(p.valid, r).toBe(true);
      expect(p.findings, r).toEqual([]);
    }
    expect(parseStsRecords(['v=STSv1; id=Abc123']).id).toBe('Abc123');
  });

  it('treats extension names such as constructor as plain names, not duplicates', () => {
    expect(codes('v=STSv1; id=1; constructor=x')).toEqual(['MTASTS_DNS_UNKNOWN_FIELD']);
    expect(codes('v=STSv1; id=1; toString=x; toString=y')).toEqual(['MTASTS_DNS_DUPLICATE_FIELD', 'MTASTS_DNS_UNKNOWN_FIELD']);
    expect(parseStsRecords(['v=STSv1; id=1; constructor=x']).fields.constructor).toBe('x');
  });

  it('tells nothing published apart from broken', () => {
    expect(parseStsRecords([])).toMatchObject({ stsLikeCount: 0, valid: false });
    expect(codes('google-site-verification=x')).toEqual(['MTASTS_DNS_RECORD_MISSING']);
    expect(parseStsRecords(['v=stsv1; id=1']).stsLikeCount).toBe(1);
    expect(parseStsRecords(['id=1; v=STSv1']).stsLikeCount).toBe(1);
  });

  it('ignores unrelated records but notes them; two STS records mean no policy', () => {
    const p = parseStsRecords(['spf-ish', 'v=STSv1; id=1']);
    expect(p.valid).toBe(true);
    expect(codes('spf-ish', 'v=STSv1; id=1')).toEqual(['MTASTS_DNS_UNRELATED_TXT']);
    expect(parseStsRecords(['v=STSv1; id=1', 'v=STSv1; id=2']).valid).toBe(false);
    expect(codes('v=STSv1; id=1', 'v=STSv1; id=2')).toEqual(['MTASTS_DNS_MULTIPLE_RECORDS']);
  });

  it('is case-sensitive and wants the version first', () => {
    for (const r of ['v=stsv1; id=1', 'v=STSv2; id=1', 'v = STSv1; id=1', ' v=STSv1; id=1', 'id=1; v=STSv1', 'v=STSv1id=1']) {
      expect(codes(r), r).toEqual(['MTASTS_DNS_VERSION_INVALID']);
      expect(parseStsRecords([r]).valid).toBe(false);
    }
  });

  it('uses the good record when a bad STS-like one sits next to it', () => {
    const p = parseStsRecords(['v=STSv2; id=1', 'v=STSv1; id=2']);
    expect(p).toMatchObject({ valid: true, id: '2' });
    expect(p.findings.map((f) => f.code)).toEqual(['MTASTS_DNS_VERSION_INVALID']);
  });

  it('enforces the id grammar', () => {
    for (const id of ['2024-05-01', 'v1.2', 'abc_1', 'a'.repeat(33)]) expect(codes(`v=STSv1; id=${id}`), id).toEqual(['MTASTS_DNS_ID_INVALID']);
    expect(codes('v=STSv1; id=')).toEqual(['MTASTS_DNS_ID_INVALID']);
    expect(codes('v=STSv1;')).toEqual(['MTASTS_DNS_ID_MISSING']);
    expect(codes('v=STSv1')).toEqual(['MTASTS_DNS_ID_MISSING']);
    expect(codes('v=STSv1; ID=1')).toEqual(['MTASTS_DNS_ID_MISSING']);
  });

  it('gives offsets for syntax errors', () => {
    const p = parseStsRecords(['v=STSv1; id=abc;; x=1']);
    expect(p.findings.map((f) => [f.code, f.offset])).toEqual([['MTASTS_DNS_SYNTAX_INVALID', 16]]);
    for (const r of ['v=STSv1; id =abc', 'v=STSv1; id= abc', 'v=STSv1; id=abc junk', 'v=STSv1; id=abc; x', 'v=STSv1; id=abc; _x=1', 'v=STSv1; id=abc; x=a=b', 'v=STSv1; id=abc ']) {
      expect(codes(r), r).toEqual(['MTASTS_DNS_SYNTAX_INVALID']);
    }
  });

  it('keeps the first of duplicated fields, notes extensions, non-ASCII and the erratum-6285 space', () => {
    const dup = parseStsRecords(['v=STSv1; id=a1; id=b2']);
    expect(dup).toMatchObject({ valid: true, id: 'a1' });
    expect(dup.findings.map((f) => f.code)).toEqual(['MTASTS_DNS_DUPLICATE_FIELD']);
    expect(codes('v=STSv1; id=a1; foo=bar')).toEqual(['MTASTS_DNS_UNKNOWN_FIELD']);
    expect(codes('v=STSv1; id=a1; foo=bär')).toEqual(['MTASTS_DNS_NON_ASCII']);
    expect(parseStsRecords(['v=STSv1 ; id=a1'])).toMatchObject({ valid: true, id: 'a1' });
    expect(codes('v=STSv1 ; id=a1')).toEqual(['MTASTS_DNS_SPACE_BEFORE_SEMICOLON']);
  });
});
