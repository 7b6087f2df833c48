import { describe, expect, it } from 'vitest';
import { parseTlsRptRecords } from '../../../electron/engine/parse/tlsrpt-record';

const codes = (records: string[], domain = 'example.com') => parseTlsRptRecords(records, domain).findings.map((f) => f.code).sort();

describe('_smtp._tls TXT record (RFC 8460 §3, CHECKS §2.3)', () => {
  it('accepts mailto and https destinations, several per rua, and several rua fields', () => {
    const p = parseTlsRptRecords(['v=TLSRPTv1; rua=mailto:tls@example.com, https://r.example.com/v1'], 'example.com');
    expect(p).toMatchObject({ valid: true, present: true });
    expect(p.rua).toEqual([
      { uri: 'mailto:tls@example.com', scheme: 'mailto', usable: true, mailbox: 'tls@example.com' },
      { uri: 'https://r.example.com/v1', scheme: 'https', usable: true, host: 'r.example.com' },
    ]);
    expect(codes(['v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com'])).toEqual(['TLSRPT_MULTIPLE_RUA_FIELDS', 'TLSRPT_VALID']);
  });

  it('joins nothing itself, ignores unrelated TXT, and rejects two records', () => {
    expect(codes(['something else', 'v=TLSRPTv1;rua=mailto:a@example.com'])).toEqual(['TLSRPT_VALID']);
    expect(codes(['v=TLSRPTv1; rua=mailto:a@example.com', 'v=TLSRPTv1; rua=mailto:b@example.com'])).toEqual(['TLSRPT_MULTIPLE_RECORDS']);
    expect(codes([])).toEqual(['TLSRPT_RECORD_MISSING']);
    expect(parseTlsRptRecords(['hello']).present).toBe(false);
  });

  it('wants the exact version first', () => {
    for (const r of ['v=tlsrptv1; rua=mailto:a@example.com', 'v=TLSRPTv2; rua=mailto:a@example.com', 'v = TLSRPTv1; rua=mailto:a@example.com']) {
      expect(codes([r]), r).toEqual(['TLSRPT_SYNTAX_INVALID']);
    }
  });

  it('flags DMARC-style size suffixes and unencoded characters', () => {
    expect(codes(['v=TLSRPTv1; rua=mailto:tls@example.com!10m'])).toEqual(['TLSRPT_RUA_URI_INVALID']);
    expect(codes(['v=TLSRPTv1; rua=tls@example.com'])).toEqual(['TLSRPT_RUA_URI_INVALID']);
    expect(codes(['v=TLSRPTv1; rua=mailto:tls%21x@example.com'])).toEqual(['TLSRPT_VALID']);
  });

  it('judges schemes and mailboxes', () => {
    expect(codes(['v=TLSRPTv1; rua=http://r.example.com/x,mailto:a@example.com'])).toEqual(['TLSRPT_RUA_SCHEME_UNSUPPORTED', 'TLSRPT_VALID']);
    expect(codes(['v=TLSRPTv1; rua=ftp://r.example.com/x'])).toEqual(['TLSRPT_NO_USABLE_RUA', 'TLSRPT_RUA_SCHEME_UNSUPPORTED']);
    expect(codes(['v=TLSRPTv1; rua=mailto:not-an-address'])).toEqual(['TLSRPT_NO_USABLE_RUA', 'TLSRPT_RUA_MAILTO_INVALID']);
    expect(codes(['v=TLSRPTv1; rua=mailto:a@b@example.com'])).toEqual(['TLSRPT_NO_USABLE_RUA', 'TLSRPT_RUA_MAILTO_INVALID']);
  });

  it('notes external destinations, missing rua, extensions and empty fields', () => {
    expect(codes(['v=TLSRPTv1; rua=mailto:tls@reports.example.net'])).toEqual(['TLSRPT_EXTERNAL_RUA', 'TLSRPT_VALID']);
    expect(codes(['v=TLSRPTv1; rua=mailto:tls@sub.example.com'])).toEqual(['TLSRPT_VALID']);
    expect(codes(['v=TLSRPTv1;'])).toEqual(['TLSRPT_RUA_MISSING']);
    expect(codes(['v=TLSRPTv1; rua=mailto:a@example.com; ext=1'])).toEqual(['TLSRPT_UNKNOWN_FIELD', 'TLSRPT_VALID']);
    expect(codes(['v=TLSRPTv1; rua=mailto:a@example.com;; x=1'])).toEqual(['TLSRPT_SYNTAX_INVALID']);
  });
});
