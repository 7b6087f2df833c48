/**
 * The RFC 8460 §4.4 report schema as zod: every field the RFC defines, checked for type, bounds and form
 * (RFC 3339 dates, IP addresses, non-negative counts). Unknown fields are dropped, never kept: nothing from
 * the report is interpreted beyond the values read here.
 */
import ipaddr from 'ipaddr.js';
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import type { TlsRptReport } from '../../../shared/tlsrpt';
import { TLSRPT_LIMITS as L } from './limits';

export type { TlsRptFailure, TlsRptPolicy, TlsRptReport } from '../../../shared/tlsrpt';

/** RFC 8460 §4.3 result types; others are accepted as well-formed tokens (the IANA registry may grow, §6.6). */
export const RESULT_TYPES = [
  'starttls-not-supported', 'certificate-host-mismatch', 'certificate-expired', 'certificate-not-trusted',
  'validation-failure', 'tlsa-invalid', 'dnssec-invalid', 'dane-required', 'sts-policy-fetch-error',
  'sts-policy-invalid', 'sts-webpki-invalid',
] as const;

const EARLIEST = Date.parse('2018-01-01T00:00:00Z');
const MAX_RANGE_MS = 366 * 86_400_000;
/** Clocks differ: a report may end up to a day past the importer's now. */
const FUTURE_SLACK_MS = 86_400_000;

const text = z.string().max(L.stringChars, `longer than ${L.stringChars} characters`);
// RFC 3339 date-time, as §4.4 requires; the offset is required so a time is unambiguous.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const dateTime = z.string().max(64).regex(RFC3339, 'not an RFC 3339 date-time').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');
const count = z.number().int('not a whole number').min(0, 'negative').max(Number.MAX_SAFE_INTEGER);
const ip = z.string().max(64).refine((s) => ipaddr.isValid(s), 'not an IP address').transform((s) => ipaddr.process(s).toString());
const hostName = z.string().max(255).transform((s) => s.trim().replace(/\.$/, '').toLowerCase())
  .refine((s) => s.length > 0 && domainToASCII(s) !== '', 'not a host name').transform((s) => domainToASCII(s));
// §4.4's example writes mx-host as a list; some reporters send one string: accept both.
const mxHosts = z.union([z.string().max(255).transform((s) => [s]), z.array(z.string().max(255)).max(L.mxHosts, `more than ${L.mxHosts} mx-host entries`)]);

const failureDetail = z.object({
  'result-type': z.string().max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'not a result-type token'),
  'sending-mta-ip': ip.optional(),
  'receiving-mx-hostname': hostName.optional(),
  'receiving-mx-helo': text.optional(),
  'receiving-ip': ip.optional(),
  'failed-session-count': count,
  'additional-information': text.optional(),
  'failure-reason-code': text.optional(),
});

const policy = z.object({
  policy: z.object({
    'policy-type': z.enum(['sts', 'tlsa', 'no-policy-found']),
    'policy-string': z.array(text).max(L.policyStrings, `more than ${L.policyStrings} policy-string lines`).optional(),
    'policy-domain': hostName,
    'mx-host': mxHosts.optional(),
  }),
  summary: z.object({
    'total-successful-session-count': count,
    'total-failure-session-count': count,
  }),
  'failure-details': z.array(failureDetail).max(L.failureDetailsPerPolicy, `more than ${L.failureDetailsPerPolicy} failure-details`).optional(),
});

export const reportSchema = z.object({
  'organization-name': text.min(1, 'empty'),
  'date-range': z.object({ 'start-datetime': dateTime, 'end-datetime': dateTime })
    .refine((r) => Date.parse(r['start-datetime']) <= Date.parse(r['end-datetime']), 'start-datetime is after end-datetime')
    // RFC 8460 dates from 2018; a range past a year, or ending in the future, is no report of sessions that happened.
    .refine((r) => Date.parse(r['start-datetime']) >= EARLIEST, 'start-datetime before 2018, when TLS-RPT was published')
    .refine((r) => Date.parse(r['end-datetime']) - Date.parse(r['start-datetime']) <= MAX_RANGE_MS, 'date range longer than 366 days')
    .refine((r) => Date.parse(r['end-datetime']) <= Date.now() + FUTURE_SLACK_MS, 'end-datetime is in the future'),
  // §4.3 lists contact-info with the metadata; some reporters omit it, and nothing depends on it here.
  'contact-info': text.optional(),
  'report-id': text.min(1, 'empty'),
  policies: z.array(policy).min(1, 'no policies').max(L.policies, `more than ${L.policies} policies`),
});

export type RawReport = z.infer<typeof reportSchema>;

function normalised(r: RawReport): TlsRptReport {
  return {
    organization: r['organization-name'],
    reportId: r['report-id'],
    ...(r['contact-info'] !== undefined ? { contact: r['contact-info'] } : {}),
    start: new Date(r['date-range']['start-datetime']).toISOString(),
    end: new Date(r['date-range']['end-datetime']).toISOString(),
    policies: r.policies.map((p) => ({
      type: p.policy['policy-type'],
      domain: p.policy['policy-domain'],
      strings: p.policy['policy-string'] ?? [],
      mxHosts: p.policy['mx-host'] ?? [],
      successful: p.summary['total-successful-session-count'],
      failed: p.summary['total-failure-session-count'],
      failures: (p['failure-details'] ?? []).map((f) => ({
        resultType: f['result-type'],
        ...(f['sending-mta-ip'] !== undefined ? { sendingMtaIp: f['sending-mta-ip'] } : {}),
        ...(f['receiving-mx-hostname'] !== undefined ? { receivingMx: f['receiving-mx-hostname'] } : {}),
        ...(f['receiving-mx-helo'] !== undefined ? { receivingHelo: f['receiving-mx-helo'] } : {}),
        ...(f['receiving-ip'] !== undefined ? { receivingIp: f['receiving-ip'] } : {}),
        sessions: f['failed-session-count'],
        ...(f['additional-information'] !== undefined ? { additionalInformation: f['additional-information'] } : {}),
        ...(f['failure-reason-code'] !== undefined ? { failureReasonCode: f['failure-reason-code'] } : {}),
      })),
    })),
  };
}

/** Validates parsed JSON; the reason names the first offending field by its path in the report. */
export function validateReport(value: unknown): { ok: true; report: TlsRptReport } | { ok: false; reason: string } {
  const r = reportSchema.safeParse(value);
  if (r.success) return { ok: true, report: normalised(r.data) };
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'report';
  return { ok: false, reason: `${where}: ${issue.message}` };
}
