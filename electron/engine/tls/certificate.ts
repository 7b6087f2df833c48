/**
 * Turns certificates seen in a handshake into plain evidence, and answers the name question the way
 * MTA-STS requires: subjectAltName dNSName only, wildcard only as the whole left-most label
 * (RFC 8461 §3.3, §4.2; RFC 9525 §6.3). The CN is kept as evidence but never used for the verdict.
 */
import { X509Certificate, createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { CertificateSummary, TlsSessionEvidence } from '../../../shared/types';
import { certNameMatches } from '../parse/mx-pattern';
import { LruMap } from '../lru-map';

const DAY_MS = 86_400_000;
const MAX_CHAIN = 10;

const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** Reads one DER TLV header; returns [contentStart, contentLength]. */
function tlv(der: Buffer, at: number): [number, number] {
  const first = der[at + 1]!;
  if (first < 0x80) return [at + 2, first];
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[at + 2 + i]!;
  return [at + 2 + n, len];
}

function decodeOid(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let v = 0;
  for (const b of bytes.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature } (RFC 5280 §4.1); node:crypto does not expose it. */
export function signatureAlgorithmOf(der: Buffer): string | undefined {
  try {
    const [certStart] = tlv(der, 0);
    const [tbsStart, tbsLen] = tlv(der, certStart);
    const [algStart] = tlv(der, tbsStart + tbsLen);
    const [oidStart, oidLen] = tlv(der, algStart);
    const oid = decodeOid(der.subarray(oidStart, oidStart + oidLen));
    return SIGNATURE_OIDS[oid] ?? oid;
  } catch {
    return undefined;
  }
}

/** Splits node's "DNS:a, DNS:b, IP Address:1.2.3.4" form. DNS names cannot contain ", " so a split is safe for them. */
function sanEntries(x: X509Certificate): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const part of (x.subjectAltName ?? '').split(', ')) {
    if (part.startsWith('DNS:')) dnsNames.push(part.slice(4));
    else if (part.startsWith('IP Address:')) ipAddresses.push(part.slice(11));
  }
  return { dnsNames, ipAddresses };
}

function hex(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Everything about a certificate that does not depend on the audit time. */
type TimelessSummary = Omit<CertificateSummary, 'daysLeft'>;

function daysLeft(notAfter: string, now: Date): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

/**
 * Summaries of certificates already seen in this run, by SHA-256 fingerprint. The same CA certificates sit
 * in nearly every chain, and a provider's certificate in thousands of them; parsing, hashing and
 * self-signature checks are done once per certificate, not once per handshake.
 */
export class CertificateSummaries {
  private readonly cache: LruMap<string, TimelessSummary>;

  constructor(capacity = 5000) {
    this.cache = new LruMap(capacity);
  }

  of(x: X509Certificate, now: Date): CertificateSummary {
    let s = this.cache.get(x.fingerprint256);
    if (!s) {
      s = timelessSummary(x);
      this.cache.set(x.fingerprint256, s);
    }
    return { ...s, daysLeft: daysLeft(s.notAfter, now) };
  }
}

function timelessSummary(x: X509Certificate): TimelessSummary {
  const der = x.raw;
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(x.subject)?.[1];
  const notAfter = x.validToDate;
  return {
    subject: x.subject.split('\n').join(', '),
    commonName: cn,
    ...sanEntries(x),
    issuer: x.issuer.split('\n').join(', '),
    serialNumber: x.serialNumber,
    notBefore: x.validFromDate.toISOString(),
    notAfter: notAfter.toISOString(),
    fingerprintSha256: hex(der),
    spkiSha256: hex(key.export({ type: 'spki', format: 'der' })),
    keyType: key.asymmetricKeyType ?? 'unknown',
    keyBits: details.modulusLength,
    curve: details.namedCurve,
    signatureAlgorithm: signatureAlgorithmOf(der),
    selfSigned: x.checkIssued(x) && safeVerify(x),
    isCA: x.ca,
    derBase64: der.toString('base64'),
  };
}

function safeVerify(x: X509Certificate): boolean {
  try {
    return x.verify(x.publicKey);
  } catch {
    return false;
  }
}

/**
 * The peer's chain as Node reports it, leaf first, following issuer links until a self-issued certificate
 * or a loop. X509Certificate objects, not getPeerCertificate()'s legacy form, which costs a JS object per
 * extension of every certificate of every handshake.
 */
export function peerChain(socket: TLSSocket): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert: X509Certificate | undefined = socket.getPeerX509Certificate();
  while (cert && out.length < MAX_CHAIN && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(cert);
    cert = cert.issuerCertificate;
  }
  return out;
}

/** RFC 9525 §6.3 identity check against SAN dNSNames only. */
export function certificateNameValid(cert: CertificateSummary, reference: string): boolean {
  return cert.dnsNames.some((name) => certNameMatches(name, reference));
}

/** A certificate on the path to the anchor (leaf or intermediate) outside its validity period at `now`. */
export function chainOutsideValidity(t: Pick<TlsSessionEvidence, 'chain' | 'pathLength'>, now: Date): CertificateSummary | undefined {
  const at = now.getTime();
  return t.chain.slice(0, t.pathLength ?? t.chain.length).find((c) => Date.parse(c.notBefore) > at || Date.parse(c.notAfter) < at);
}

export const CERT_EXPIRY_WARNING_DAYS = 14;
