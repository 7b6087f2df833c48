/**
 * The raw evidence as text lines, written the same way in the workbook and the PDF: DNS records in zone-file
 * order with their TTLs, TLSA parameters, certificate facts and the policy body.
 */
import type { AuditSettings, CertificateSummary, DnsAnswer, DnsRecord, DnsRecordData, DomainResult, TlsaEvidence, TlsSessionEvidence } from '../../../shared/types';

export function recordData(r: DnsRecordData): string {
  switch (r.type) {
    case 'A':
    case 'AAAA': return r.address;
    case 'MX': return `${r.preference} ${r.exchange}`;
    case 'TXT': return r.strings.map((s) => JSON.stringify(s)).join(' ');
    case 'CNAME': return r.target;
    case 'TLSA': return `${r.usage} ${r.selector} ${r.matchingType} ${r.data}`;
    default: return JSON.stringify(r);
  }
}

export function recordLine(r: DnsRecord): string {
  return `${r.name} ${r.ttl} IN ${r.type} ${recordData(r)}`;
}

/** Every record of an answer, CNAMEs first, one per line. */
export function answerRecords(a: DnsAnswer): string[] {
  return [...(a.cnames ?? []), ...(a.records ?? [])].map(recordLine);
}

export function answerOutcome(a: Pick<DnsAnswer, 'outcome' | 'rcode' | 'error'>): string {
  const parts: string[] = [a.outcome];
  if (a.rcode && a.rcode.toLowerCase() !== a.outcome) parts.push(`(${a.rcode})`);
  if (a.error) parts.push(`— ${a.error}`);
  return parts.join(' ');
}

export function tlsaLines(t: TlsaEvidence): string[] {
  return t.records.map((r) => `${r.usage} ${r.selector} ${r.matchingType} ${r.data}  [${r.usable ? 'usable' : 'unusable'}, ${r.matched ? 'matched' : 'not matched'}]`);
}

export function keyDescription(c: Pick<CertificateSummary, 'keyType' | 'keyBits' | 'curve'>): string {
  return [c.keyType, c.keyBits ? `${c.keyBits} bits` : undefined, c.curve].filter(Boolean).join(' ');
}

export function certificateNames(c: Pick<CertificateSummary, 'dnsNames' | 'ipAddresses'>): string {
  return [...(c.dnsNames ?? []), ...(c.ipAddresses ?? [])].join(', ');
}

/** The policy body as text: the engine's decoded text, else the raw bytes decoded as UTF-8. */
export function policyBody(r: DomainResult): string | undefined {
  if (r.policy?.text !== undefined) return r.policy.text;
  const b64 = r.evidence?.policyFetch?.bodyBase64;
  return b64 === undefined ? undefined : Buffer.from(b64, 'base64').toString('utf8');
}

export function policySha256(r: DomainResult): string | undefined {
  return r.policy?.sha256 ?? r.evidence?.policyFetch?.bodySha256;
}

/** The audit settings as label/value rows, in the order a reader needs them. */
export function settingsRows(settings: AuditSettings | undefined): [string, string | number][] {
  // Runs stored by older versions may lack settings added since: show what is there.
  const s: Partial<AuditSettings> = settings ?? {};
  const extraCas = s.extraCaPem ? (s.extraCaPem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length : 0;
  return [
    ['DNS resolvers', s.resolvers?.length ? s.resolvers.join(', ') : 'system resolvers'],
    ['DNS timeout per attempt (ms)', s.dnsTimeoutMs],
    ['DNS retries', s.dnsRetries],
    ['DNS queries per second per resolver (max)', s.dnsQps],
    ['DNSSEC control name', s.dnssecControlName],
    ['Policy fetch port (HTTPS)', s.httpsPort],
    ['Policy fetch deadline, all addresses and retries (ms)', s.httpTimeoutMs],
    ['Policy fetch connect and body idle timeout (ms)', s.httpIdleTimeoutMs],
    ['Slow policy fetch threshold (ms)', s.httpSlowMs],
    ['SMTP STARTTLS probes', s.smtpProbes === false ? 'disabled' : 'enabled'],
    ['SMTP port', s.smtpPort],
    ['SMTP connect timeout (ms)', s.smtpConnectTimeoutMs],
    ['SMTP reply timeout (ms)', s.smtpReplyTimeoutMs],
    ['Retries after time-outs', s.retries],
    ['Private addresses allowed', s.allowPrivate ? 'yes' : 'no'],
    ['Private address allow-list', (s.privateAllowlist ?? []).join(', ') || 'none'],
    ['Extra trust anchors', extraCas > 0 ? `${extraCas} certificate(s)` : 'none'],
  ].map(([label, value]) => [label as string, value ?? 'not recorded']);
}

/** A presented certificate and the session's verdicts as label/value rows (leaf first in `tls.chain`). */
export function certificateFacts(tls: TlsSessionEvidence, date: (iso: string) => string = (iso) => iso): [string, string][] {
  const leaf = tls.chain?.[0];
  const rows: [string, string][] = [['TLS', `${tls.protocol} ${tls.cipher}`]];
  if (leaf) {
    rows.push(
      ['Subject', leaf.subject], ['SANs', certificateNames(leaf) || 'none'], ['Issuer', leaf.issuer],
      ['Valid', `${date(leaf.notBefore)} to ${date(leaf.notAfter)} (${leaf.daysLeft} days left)`],
      ['Key', [keyDescription(leaf), leaf.signatureAlgorithm].filter(Boolean).join(', ')],
      ['SHA-256 fingerprint', leaf.fingerprintSha256], ['SPKI SHA-256', leaf.spkiSha256],
    );
  }
  rows.push(
    ['Chain', `${tls.chain?.length ?? 0} certificate(s); ${tls.chainTrusted ? 'trusted' : `not trusted${tls.chainError ? ` (${tls.chainError})` : ''}`}`],
    ['Name check', `${tls.nameValid ? 'valid' : 'not valid'} for ${tls.referenceName}`],
  );
  return rows;
}
