/**
 * What the STARTTLS probes of one MX host mean (CHECKS §1.8): per address, every defect at once, so a
 * consultant fixing one does not discover the next on re-audit; per host, whether its addresses agree and
 * whether a sender validating PKIX (MTA-STS, RFC 8461 §4.2) would accept at least one of them.
 */
import type { Finding, MxHostResult, SmtpProbe } from '../../../shared/types';
import type { FindingCode } from '../../../shared/findings';
import { CERT_EXPIRY_WARNING_DAYS, chainOutsideValidity } from '../tls/certificate';
import { certNameMatches } from '../parse/mx-pattern';
import { finding, quote } from '../finding';

export interface StarttlsVerdict {
  findings: Finding[];
  /** Every address passed the STARTTLS_OK conditions. */
  starttlsOk: boolean;
  /** At least one address passed them: an MTA-STS sender can deliver to this host (RFC 8461 §4.2, §5). */
  pkixPass: boolean;
  /** At least one address was actually probed (not merely unroutable from the auditor). */
  tested: boolean;
}

/** RFC 9325 §4.5: RSA below 2048 bits, EC below 224 bits; SHA-1/MD5 signatures (not on the anchor itself). */
function weakCrypto(p: SmtpProbe): string[] {
  const chain = p.tls?.chain ?? [];
  const out: string[] = [];
  const leaf = chain[0];
  if (leaf?.keyType === 'rsa' && (leaf.keyBits ?? 0) < 2048) out.push(`RSA key of ${leaf.keyBits} bits`);
  if (leaf?.keyType === 'ec' && /(?:192|secp160|secp112|secp128)/.test(leaf.curve ?? '')) out.push(`EC key on ${leaf.curve}`);
  for (const c of chain) {
    if (c.selfSigned) continue;
    if (/sha1|md5/i.test(c.signatureAlgorithm ?? '')) out.push(`${quote(c.subject, 60)} signed with ${c.signatureAlgorithm}`);
  }
  return out;
}

/** The STARTTLS_OK conditions: offered, TLS ≥ 1.2, trusted, current, SAN valid for the MX name. */
export function probePasses(p: SmtpProbe, now: Date): boolean {
  return p.outcome === 'ok' && !!p.tls && p.tls.chainTrusted && p.tls.nameValid && !chainOutsideValidity(p.tls, now);
}

function keywords(lines: string[] | undefined): string[] {
  return (lines ?? []).slice(1).map((l) => l.slice(4).trim().split(/\s+/)[0]!.toUpperCase());
}

function addressFindings(host: string, p: SmtpProbe, now: Date): [FindingCode, string][] {
  const at = `${p.address}`;
  switch (p.outcome) {
    case 'connect-failed':
    case 'connect-timeout':
      return [['STARTTLS_CONNECT_FAILED', `${at}: ${p.error ?? p.outcome}`]];
    case 'smtp-error':
      return [['STARTTLS_SMTP_ERROR', `${at}: ${p.error ?? 'SMTP error'}${p.banner ? `; greeting ${quote(p.banner)}` : ''} (phase ${p.phase ?? '?'})`]];
    case 'no-starttls':
      return [['STARTTLS_NOT_OFFERED', `${at}: the EHLO reply does not list STARTTLS`]];
    case 'starttls-rejected':
      return [['STARTTLS_REJECTED', `${at}: STARTTLS answered ${quote(p.starttlsReply ?? '')}`]];
    case 'handshake-failed':
      return [['STARTTLS_HANDSHAKE_FAILED', `${at}: ${p.error ?? 'handshake failed'}`]];
    case 'not-tested':
      return [];
    case 'tls-obsolete':
    case 'ok':
      return certificateFindings(host, p, now);
  }
}

function certificateFindings(host: string, p: SmtpProbe, now: Date): [FindingCode, string][] {
  const out: [FindingCode, string][] = [];
  const t = p.tls;
  if (!t) return out;
  const at = p.address;
  const leaf = t.chain[0];
  if (p.outcome === 'tls-obsolete') out.push(['STARTTLS_TLS_OBSOLETE', `${at}: the server completes a handshake only with ${t.protocol}`]);
  if (!t.chainTrusted) {
    if (t.completedVia) out.push(['STARTTLS_CHAIN_INCOMPLETE', `${at}: the chain validates only with the intermediate from ${t.completedVia}, which MTAs do not fetch`]);
    else out.push(['STARTTLS_CERT_UNTRUSTED', `${at}: the chain does not validate (${t.chainError ?? 'unknown'}); issuer ${quote(leaf?.issuer ?? '?')}`]);
  }
  const stale = chainOutsideValidity(t, now);
  if (stale) out.push(['STARTTLS_CERT_EXPIRED', `${at}: ${quote(stale.subject)} is valid from ${stale.notBefore} to ${stale.notAfter}`]);
  else if (leaf && leaf.daysLeft < CERT_EXPIRY_WARNING_DAYS) out.push(['STARTTLS_CERT_EXPIRING_SOON', `${at}: the certificate expires ${leaf.notAfter} (${leaf.daysLeft} days left)`]);
  if (!t.nameValid && leaf) {
    const cnOnly = leaf.dnsNames.length === 0 && leaf.commonName !== undefined && certNameMatches(leaf.commonName, host);
    if (cnOnly) out.push(['STARTTLS_CERT_CN_ONLY', `${at}: no subjectAltName; the name ${quote(leaf.commonName!)} is only in the CN, which MTA-STS does not consult`]);
    else out.push(['STARTTLS_CERT_NAME_MISMATCH', `${at}: no SAN dNSName is valid for ${host}; SANs: ${leaf.dnsNames.map((n) => quote(n)).join(', ') || 'none'}`]);
  }
  const weak = weakCrypto(p);
  if (weak.length > 0) out.push(['STARTTLS_CERT_WEAK_KEY', `${at}: ${weak.join('; ')}`]);
  if (t.nameValid && p.withoutSni && (!p.withoutSni.ok || !p.withoutSni.nameValid)) {
    out.push(['STARTTLS_SNI_DEPENDENT', `${at}: without SNI the server ${p.withoutSni.ok ? 'presents a certificate not valid for the MX name' : `fails (${p.withoutSni.error ?? 'handshake error'})`}`]);
  }
  if (keywords(p.ehloAfterTls).includes('STARTTLS')) out.push(['STARTTLS_ADVERTISED_AFTER_TLS', `${at}: the EHLO reply inside TLS still lists STARTTLS`]);
  if (keywords(p.ehloAfterTls).includes('REQUIRETLS')) out.push(['STARTTLS_REQUIRETLS_ADVERTISED', `${at}: REQUIRETLS is advertised after STARTTLS`]);
  if (probePasses(p, now)) out.push(['STARTTLS_OK', `${at}: ${t.protocol} ${t.cipher}, trusted chain, valid for ${host}`]);
  return out;
}

/** What makes two addresses of one host look the same to a sender. */
function behaviour(p: SmtpProbe, now: Date): string {
  return `${p.outcome}|${p.tls?.chain[0]?.fingerprintSha256 ?? '-'}|${probePasses(p, now)}`;
}

/** One MX host's STARTTLS verdict from its probes, address by address (RFC 3207; RFC 8461 §4.2 for what passes). */
export function judgeStarttls(h: MxHostResult, now: Date): StarttlsVerdict {
  const byCode = new Map<FindingCode, string[]>();
  // Addresses the auditor could not even route to (IPv6 on an IPv4-only network) take no part in any verdict.
  const tested = h.probes.filter((p) => p.outcome !== 'not-tested');
  const untested = h.probes.filter((p) => p.outcome === 'not-tested');
  // A greeting slower than the auditor's budget is its own fact, but like "not tested" it judges nothing:
  // senders wait 5 minutes for a greeting (RFC 5321 §4.5.3.2.1), so the MX is not called undeliverable.
  const slow = untested.filter((p) => p.greetingSlow);
  const other = untested.filter((p) => !p.greetingSlow);
  if (other.length > 0) byCode.set('STARTTLS_NOT_TESTED', other.map((p) => `${p.address}: ${p.error ?? 'not tested'}`));
  if (slow.length > 0) byCode.set('STARTTLS_GREETING_SLOW', slow.map((p) => `${p.address}: ${p.error ?? 'no greeting in time'}${p.banner ? `; received ${quote(p.banner)}` : ''} after ${p.elapsedMs} ms`));
  for (const p of tested) {
    for (const [code, message] of addressFindings(h.host, p, now)) byCode.set(code, [...(byCode.get(code) ?? []), message]);
  }
  const findings = [...byCode].map(([code, messages]) => finding(code, `${h.host} ${messages.join('; ')}`, { subject: h.host }));
  const kinds = new Set(tested.map((p) => behaviour(p, now)));
  if (kinds.size > 1) {
    const detail = tested.map((p) => `${p.address} ${p.outcome}${p.tls?.chain[0] ? ` ${p.tls.chain[0].fingerprintSha256.slice(0, 16)}` : ''}`).join('; ');
    findings.push(finding('STARTTLS_INCONSISTENT', `the addresses of ${h.host} behave differently: ${detail}`, { subject: h.host }));
  }
  const passes = tested.map((p) => probePasses(p, now));
  return { findings, starttlsOk: passes.length > 0 && passes.every(Boolean), pkixPass: passes.some(Boolean), tested: tested.length > 0 };
}
