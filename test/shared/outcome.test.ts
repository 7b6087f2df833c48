/** The outcome rule of shared/outcome.ts (CHECKS §7), case by case, from findings alone. */
import { describe, expect, it } from 'vitest';
import type { FindingCode, Posture } from '../../shared/findings';
import { decideOutcome, OUTCOMES, outcomeRank } from '../../shared/outcome';

const judge = (posture: Posture, ...codes: FindingCode[]) => decideOutcome(posture, codes.map((code) => ({ code })));

describe('the protection outcome', () => {
  it('is ordered worst first', () => {
    expect(OUTCOMES[0]).toBe('at-risk');
    expect(outcomeRank('at-risk')).toBeLessThan(outcomeRank('broken'));
    expect(outcomeRank('unprotected')).toBeLessThan(outcomeRank('protected'));
  });

  it('never calls an enforced domain whose mail bounces protected', () => {
    expect(judge('enforce', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_NONE_DELIVERABLE')).toEqual({ outcome: 'at-risk', decidedBy: ['MTASTS_MX_NONE_DELIVERABLE'] });
    expect(judge('enforce', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_NONE_COVERED').outcome).toBe('at-risk');
    expect(judge('enforce', 'MTASTS_MODE_ENFORCE', 'DANE_MTASTS_CONFLICT').outcome).toBe('broken');
    expect(judge('enforce', 'MTASTS_MODE_ENFORCE', 'MTASTS_MX_UNDELIVERABLE').outcome).toBe('broken');
  });

  it('claims protection only with the evidence for it', () => {
    expect(judge('enforce', 'MTASTS_MODE_ENFORCE', 'STARTTLS_OK', 'MTASTS_POLICY_MAX_AGE_SHORT').outcome).toBe('protected');
    expect(judge('enforce', 'MTASTS_MODE_ENFORCE', 'STARTTLS_NOT_TESTED')).toEqual({ outcome: 'not-decided', decidedBy: ['STARTTLS_NOT_TESTED'] });
    expect(judge('absent', 'MTASTS_DNS_RECORD_MISSING', 'DANE_TLSA_SECURE', 'DNSSEC_RESOLVER_NOT_VALIDATING').outcome).toBe('not-decided');
  });

  it('counts DANE on every MX as protection, and partial or insecure DANE as none', () => {
    expect(judge('absent', 'MTASTS_DNS_RECORD_MISSING', 'DANE_TLSA_SECURE', 'DANE_TLSA_MATCH')).toEqual({ outcome: 'protected', decidedBy: ['DANE_TLSA_SECURE'] });
    expect(judge('absent', 'MTASTS_DNS_RECORD_MISSING', 'DANE_TLSA_SECURE', 'DANE_PARTIAL').outcome).toBe('unprotected');
    expect(judge('absent', 'MTASTS_DNS_RECORD_MISSING', 'DANE_TLSA_SECURE', 'DANE_MX_INSECURE').outcome).toBe('unprotected');
  });

  it('keeps testing as monitoring whatever the probes saw, and absent or none as unprotected', () => {
    expect(judge('testing', 'MTASTS_MODE_TESTING', 'MTASTS_MX_TESTING_WOULD_FAIL').outcome).toBe('monitoring');
    expect(judge('testing', 'MTASTS_MODE_TESTING', 'STARTTLS_NOT_TESTED').outcome).toBe('monitoring');
    expect(judge('absent', 'MTASTS_DNS_RECORD_MISSING', 'STARTTLS_NOT_TESTED')).toEqual({ outcome: 'unprotected', decidedBy: ['MTASTS_DNS_RECORD_MISSING'] });
    expect(judge('none', 'MTASTS_MODE_NONE').outcome).toBe('unprotected');
  });

  it('says when nothing could be decided, and why', () => {
    expect(judge('error', 'MTASTS_DNS_LOOKUP_FAILED')).toEqual({ outcome: 'not-decided', decidedBy: ['MTASTS_DNS_LOOKUP_FAILED'] });
    expect(judge('error', 'AUDIT_DOMAIN_INVALID')).toEqual({ outcome: 'not-decided', decidedBy: ['AUDIT_DOMAIN_INVALID'] });
    // A critical fact observed beside a failed lookup still puts mail at risk.
    expect(judge('error', 'MX_LOOKUP_FAILED', 'DNSSEC_BOGUS').outcome).toBe('at-risk');
  });

  it('treats a published but unusable policy as broken, and a domain without mail as not applicable', () => {
    expect(judge('invalid', 'MTASTS_HTTPS_HOST_PRIVATE_ADDRESS')).toEqual({ outcome: 'broken', decidedBy: ['MTASTS_HTTPS_HOST_PRIVATE_ADDRESS'] });
    expect(judge('no-mail', 'MX_NULL', 'MTASTS_MX_NULL_MX_POLICY')).toEqual({ outcome: 'no-mail', decidedBy: ['MX_NULL'] });
  });
});
