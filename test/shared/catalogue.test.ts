import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, FINDING_CODES, SEVERITIES, catalogueEntry, isFindingCode, severityRank } from '../../shared/findings';

const spec = fs.readFileSync(new URL('../../docs/CHECKS.md', import.meta.url), 'utf8');
const rows = [...spec.matchAll(/^\| ([A-Z][A-Z0-9_]+) \| (critical|high|medium|low|info) \|/gm)].map((m) => [m[1]!, m[2]!] as const);

describe('finding catalogue', () => {
  it('holds every CHECKS.md code, in order, with its severity', () => {
    expect(rows).toHaveLength(145);
    expect(FINDING_CODES.slice(0, 145)).toEqual(rows.map((r) => r[0]));
    for (const [code, severity] of rows) expect(catalogueEntry(code as never).severity, code).toBe(severity);
  });

  it('gives every code a short title, a description, a reference and (unless a pure fact) a remediation', () => {
    for (const code of FINDING_CODES) {
      const e = CATALOGUE[code];
      expect(e.title.length, code).toBeLessThanOrEqual(70);
      expect(e.description.length, code).toBeGreaterThan(10);
      expect(e.ref, code).not.toBe('');
      if (e.severity !== 'info') expect(e.remediation, code).not.toBe('');
    }
  });

  it('knows postures and run-comparison codes from the spec tags', () => {
    expect(CATALOGUE.MTASTS_DNS_RECORD_MISSING.posture).toBe('absent');
    expect(CATALOGUE.MTASTS_POLICY_BOM.posture).toBe('invalid');
    expect(CATALOGUE.MX_LOOKUP_FAILED.posture).toBe('error');
    expect(CATALOGUE.MTASTS_HTTPS_RESPONSE_INCOMPLETE.posture).toBe('invalid');
    expect(CATALOGUE.MTASTS_DNS_ID_NOT_UPDATED.runComparison).toBe(true);
    expect(CATALOGUE.MTASTS_POLICY_MIXED_LINE_ENDINGS.posture).toBeUndefined();
    expect(FINDING_CODES.filter((c) => CATALOGUE[c].runComparison)).toEqual(['MTASTS_DNS_ID_NOT_UPDATED', 'MTASTS_DNS_REMOVED_WITHOUT_NONE']);
  });

  it('sorts severities worst first and rejects unknown codes', () => {
    expect([...SEVERITIES].sort((a, b) => severityRank(a) - severityRank(b))).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expect(isFindingCode('MX_NULL')).toBe(true);
    expect(isFindingCode('toString')).toBe(false);
    expect(() => catalogueEntry('NOPE' as never)).toThrow();
  });
});
