/**
 * The policy host `mta-sts.<d>` and the HTTPS fetch (RFC 8461 §3.2, §3.3), turned into findings.
 * The fetch itself lives in net/policy-fetch.ts; this module collects (addresses, fetch) and judges what each
 * recorded observation means, with no network, so a stored result can be judged again.
 */
import type { DnsAnswer, Finding, PolicyFetchEvidence, TlsSessionEvidence } from '../../../shared/types';
import type { FindingCode } from '../../../shared/findings';
import type { AuditContext } from '../context';
import { addressFilter, type AddressFilter } from '../net/address-guard';
import { fetchPolicy } from '../net/policy-fetch';
import { CERT_EXPIRY_WARNING_DAYS, chainOutsideValidity } from '../tls/certificate';
import { describeOutcome, finding, quote } from '../finding';
import { addressQuestions } from './mx-resolve';
import { addressesOf, isLookupFailure } from '../net/dns-answers';
import { collectAnswers, replayAnswers, type Asking } from '../evidence/asking';
import { EvidenceGap, type RecordedDns } from '../evidence/recorded-dns';
import type { JudgeEnv } from '../evidence/judge-env';
import { TOOL_NAME } from '../context';

export interface PolicyHostCheck {
  answers: DnsAnswer[];
  /** DNS for the policy host failed: the audit cannot tell what senders see. */
  lookupFailed: boolean;
  evidence?: PolicyFetchEvidence;
  /** The body when the fetch returned 200 within the cap. */
  body?: Buffer;
  findings: Finding[];
}

const OUTCOME_CODES: Partial<Record<PolicyFetchEvidence['outcome'], FindingCode>> = {
  'connect-failed': 'MTASTS_HTTPS_CONNECT_FAILED',
  'tls-failed': 'MTASTS_HTTPS_TLS_FAILED',
  'tls-obsolete': 'MTASTS_HTTPS_TLS_OBSOLETE',
  redirect: 'MTASTS_HTTPS_REDIRECT',
  'status-not-200': 'MTASTS_HTTPS_STATUS_NOT_200',
  'body-too-large': 'MTASTS_HTTPS_BODY_TOO_LARGE',
  timeout: 'MTASTS_HTTPS_TIMEOUT',
  // A broken HTTP exchange (reset or closed mid-answer, malformed, oversized headers) is a fetch failure
  // (CHECKS §3.3), not a status the host chose; the message says what happened.
  'response-incomplete': 'MTASTS_HTTPS_RESPONSE_INCOMPLETE',
  error: 'MTASTS_HTTPS_RESPONSE_INCOMPLETE',
};

/** What the policy host gave: its address answers and, when it was fetched, the fetch's evidence. */
export interface PolicyHostEvidence {
  answers: DnsAnswer[];
  fetch?: PolicyFetchEvidence;
}

/** The addresses of the policy host, and which of them the run may fetch from (CHECKS §4.1). */
function* hostAddresses(domain: string, allowed: AddressFilter): Asking<{ answers: [DnsAnswer, DnsAnswer]; addresses: string[]; targets: string[] }> {
  const [a, aaaa] = yield addressQuestions(`mta-sts.${domain}`);
  const addresses = addressesOf(a!, aaaa!);
  return { answers: [a!, aaaa!], addresses, targets: addresses.filter(allowed) };
}

/** The network half: the address lookups, then the HTTPS fetch when some address may be fetched from. */
export async function collectPolicyHost(domain: string, ctx: AuditContext): Promise<PolicyHostEvidence> {
  const host = `mta-sts.${domain}`;
  const { value } = await collectAnswers(hostAddresses(domain, addressFilter(ctx.settings)), ctx.dns);
  if (value.targets.length === 0) return { answers: value.answers };
  const s = ctx.settings;
  // One deadline for the whole fetch, retries included; a round over the addresses is repeated only when
  // none of them could be connected to (CHECKS §3.3, §4.1).
  const fetch = await fetchPolicy({
    host, addresses: value.targets, port: s.httpsPort, trust: ctx.trust, timeoutMs: s.httpTimeoutMs, idleTimeoutMs: s.httpIdleTimeoutMs, now: ctx.now(),
    userAgent: `${TOOL_NAME}/${ctx.toolVersion}`, retries: s.retries, perAddress: (address, attempt) => ctx.httpsPerIp.run(address, attempt),
  });
  return { answers: value.answers, fetch };
}

/** The judging half, from the recorded answers and fetch (a fetch the answers call for must be recorded). */
export function judgePolicyHost(domain: string, dns: RecordedDns, fetch: PolicyFetchEvidence | undefined, env: JudgeEnv): PolicyHostCheck {
  const host = `mta-sts.${domain}`;
  const { answers, addresses, targets } = replayAnswers(hostAddresses(domain, addressFilter(env.settings)), dns);
  const [a, aaaa] = answers;
  const out: PolicyHostCheck = { answers, lookupFailed: false, findings: [] };
  if (addresses.length === 0) {
    const failed = [a, aaaa].find(isLookupFailure);
    if (failed) {
      out.lookupFailed = true;
      out.findings.push(finding('MTASTS_HTTPS_HOST_LOOKUP_FAILED', `address lookup of ${host} ended in ${describeOutcome(failed.outcome)}`));
    } else {
      out.findings.push(finding('MTASTS_HTTPS_HOST_NOT_FOUND', `${host} has no A/AAAA record (${describeOutcome(a.outcome)})`));
    }
    return out;
  }
  if (targets.length === 0) {
    out.findings.push(finding('MTASTS_HTTPS_HOST_PRIVATE_ADDRESS', `${host} resolves only to non-global addresses (${addresses.join(', ')}); not fetched`));
    return out;
  }
  if (!fetch) throw new EvidenceGap(`policy fetch from ${host}`);
  out.evidence = fetch;
  out.findings.push(...fetchFindings(fetch, env));
  if (fetch.outcome === 'ok' && fetch.bodyBase64 !== undefined) out.body = Buffer.from(fetch.bodyBase64, 'base64');
  return out;
}

function fetchFindings(ev: PolicyFetchEvidence, env: JudgeEnv): Finding[] {
  const out: Finding[] = [];
  if (ev.tls) out.push(...certificateFindings(ev.tls, env.now));
  const code = OUTCOME_CODES[ev.outcome];
  if (code) out.push(finding(code, outcomeMessage(ev)));
  if (ev.outcome === 'ok') {
    out.push(...contentTypeFindings(ev));
    if (ev.timings.totalMs > env.settings.httpSlowMs) out.push(finding('MTASTS_HTTPS_SLOW', `the policy took ${ev.timings.totalMs} ms to fetch`));
  }
  return out;
}

/** All certificate problems at once: a consultant fixing one should not discover the next on re-audit. */
function certificateFindings(t: TlsSessionEvidence, now: Date): Finding[] {
  const out: Finding[] = [];
  const leaf = t.chain[0];
  if (!t.chainTrusted) out.push(finding('MTASTS_HTTPS_CERT_UNTRUSTED', `chain does not build to a trusted root (${t.chainError ?? 'unknown'}); issuer ${quote(leaf?.issuer ?? '?')}`));
  const bad = chainOutsideValidity(t, now);
  if (bad) out.push(finding('MTASTS_HTTPS_CERT_EXPIRED', `${quote(bad.subject)} is valid from ${bad.notBefore} to ${bad.notAfter}`));
  if (!t.nameValid) out.push(finding('MTASTS_HTTPS_CERT_NAME_MISMATCH', `no subjectAltName dNSName matches ${t.referenceName}; SANs: ${leaf?.dnsNames.map((n) => quote(n)).join(', ') || 'none'}${leaf?.commonName ? `; CN ${quote(leaf.commonName)} is not consulted` : ''}`));
  if (!bad && leaf && leaf.daysLeft < CERT_EXPIRY_WARNING_DAYS) out.push(finding('MTASTS_HTTPS_CERT_EXPIRING_SOON', `certificate expires ${leaf.notAfter} (${leaf.daysLeft} days left)`));
  return out;
}

function outcomeMessage(ev: PolicyFetchEvidence): string {
  switch (ev.outcome) {
    case 'redirect': return `HTTP ${ev.status} redirect to ${quote(ev.headers?.location ?? '(no Location)')}; senders do not follow redirects`;
    case 'status-not-200': return `HTTP status ${ev.status}`;
    case 'connect-failed': return `${ev.errorMessage ?? 'no connection'}${(ev.attempts ?? 1) > 1 ? `; the same after ${ev.attempts} rounds` : ''}`;
    case 'response-incomplete':
    case 'error': return `${ev.status ? `HTTP status ${ev.status}, then ` : ''}${ev.errorMessage ?? 'the response was incomplete'}`;
    case 'body-too-large': return `body exceeds 65536 bytes (Content-Length ${ev.headers?.['content-length'] ?? 'absent'}, received ${ev.bodyBytes}${ev.truncated ? '+' : ''})`;
    case 'timeout': return ev.errorMessage ?? 'no complete response in time';
    default: return `${ev.errorCode ?? ''} ${ev.errorMessage ?? ''}`.trim() || ev.outcome;
  }
}

/** RFC 8461 §3.2: senders SHOULD check the media type is text/plain; strict ones do. */
export function contentTypeFindings(ev: PolicyFetchEvidence): Finding[] {
  const raw = ev.headers?.['content-type'];
  const parsed = raw ? parseMediaType(raw) : undefined;
  if (!parsed || parsed.type !== 'text/plain') {
    return [finding('MTASTS_HTTPS_CONTENT_TYPE_INVALID', raw ? `Content-Type is ${quote(raw)}, not text/plain` : 'no Content-Type header')];
  }
  const charset = parsed.params.charset?.toLowerCase();
  const body = Buffer.from(ev.bodyBase64 ?? '', 'base64');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'us-ascii') {
    return [finding('MTASTS_HTTPS_CHARSET_UNEXPECTED', `charset=${quote(charset)}; the body is decoded as UTF-8 anyway`)];
  }
  if (charset === undefined && body.some((b) => b > 0x7f)) {
    return [finding('MTASTS_HTTPS_CHARSET_UNEXPECTED', 'no charset given and the body contains non-ASCII bytes')];
  }
  return [];
}

/** RFC 9110 §8.3.1 media-type: type "/" subtype *( OWS ";" OWS parameter ). */
export function parseMediaType(value: string): { type: string; params: Record<string, string> } | undefined {
  const [head, ...rest] = value.split(';');
  const type = head!.trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(type)) return undefined;
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const name = p.slice(0, eq).trim().toLowerCase();
    if (!(name in params)) params[name] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type, params };
}
