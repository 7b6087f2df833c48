/**
 * TLSA records as SMTP uses them (CHECKS §2.4): which records are usable on port 25, which of them a client
 * actually consults (digest agility), and whether one matches a certificate.
 *   usage 3 DANE-EE, 2 DANE-TA (RFC 7672 §3.1); 0 and 1 should not be published for SMTP (§3.1.3)
 *   selector 0 full certificate, 1 SubjectPublicKeyInfo; matching 0 exact, 1 SHA2-256, 2 SHA2-512 (RFC 6698 §2.1)
 */
import { X509Certificate, createHash, createPublicKey } from 'node:crypto';

export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  /** Lower-case hex. */
  data: string;
}

export type Usability = { usable: true } | { usable: false; pkixUsage: boolean; reason: string };

const DIGEST_BYTES: Record<number, number> = { 1: 32, 2: 64 };

function parsesAs(selector: number, der: Buffer): boolean {
  try {
    if (selector === 0) new X509Certificate(der);
    else createPublicKey({ key: der, format: 'der', type: 'spki' });
    return true;
  } catch {
    return false;
  }
}

/** RFC 7672 §3.1.3, RFC 6698 §2.1, RFC 7671 §9: why a record is unusable for SMTP, if it is. */
export function usability(r: TlsaRecord): Usability {
  if (r.usage === 0 || r.usage === 1) return { usable: false, pkixUsage: true, reason: `usage ${r.usage} (PKIX-${r.usage === 0 ? 'TA' : 'EE'}) is not for SMTP` };
  if (r.usage !== 2 && r.usage !== 3) return { usable: false, pkixUsage: false, reason: `usage ${r.usage} is not assigned for SMTP` };
  if (r.selector !== 0 && r.selector !== 1) return { usable: false, pkixUsage: false, reason: `selector ${r.selector} is not 0 or 1` };
  if (r.matchingType !== 0 && r.matchingType !== 1 && r.matchingType !== 2) return { usable: false, pkixUsage: false, reason: `matching type ${r.matchingType} is not 0, 1 or 2` };
  const bytes = r.data.length / 2;
  const want = DIGEST_BYTES[r.matchingType];
  if (want !== undefined && bytes !== want) return { usable: false, pkixUsage: false, reason: `a SHA2-${r.matchingType === 1 ? 256 : 512} digest must be ${want} bytes, this one has ${bytes}` };
  if (r.matchingType === 0 && !parsesAs(r.selector, Buffer.from(r.data, 'hex'))) {
    return { usable: false, pkixUsage: false, reason: `the data is not a DER ${r.selector === 0 ? 'certificate' : 'SubjectPublicKeyInfo'}` };
  }
  return { usable: true };
}

/**
 * Digest agility (RFC 7671 §9): for each usage+selector a client keeps only the records of the strongest
 * digest present, plus any Full(0) records. A stale SHA2-512 record therefore defeats a correct SHA2-256 one.
 */
export function effectiveRecords(usable: TlsaRecord[]): TlsaRecord[] {
  const strongest = new Map<string, number>();
  for (const r of usable) {
    if (r.matchingType === 0) continue;
    const key = `${r.usage} ${r.selector}`;
    strongest.set(key, Math.max(strongest.get(key) ?? 0, r.matchingType));
  }
  return usable.filter((r) => r.matchingType === 0 || strongest.get(`${r.usage} ${r.selector}`) === r.matchingType);
}

/** The bytes a selector picks from a certificate (RFC 6698 §2.1.2). */
function selected(selector: number, certDer: Buffer): Buffer {
  if (selector === 0) return certDer;
  return new X509Certificate(certDer).publicKey.export({ type: 'spki', format: 'der' });
}

/** RFC 6698 §2.1.3: does the record's association data match this certificate? */
export function recordMatches(r: TlsaRecord, certDer: Buffer): boolean {
  try {
    const bytes = selected(r.selector, certDer);
    const value = r.matchingType === 0 ? bytes : createHash(r.matchingType === 1 ? 'sha256' : 'sha512').update(bytes).digest();
    return value.toString('hex') === r.data.toLowerCase();
  } catch {
    return false;
  }
}

/** RFC 7671 §10.1.2, RFC 7672 §3.1.2: parameter choices that work but are discouraged. */
export function discouragedParameters(usable: TlsaRecord[]): string[] {
  const out: string[] = [];
  if (usable.some((r) => r.matchingType === 0)) out.push('Full(0) matching');
  if (usable.some((r) => r.usage === 2 && r.selector === 1)) out.push('DANE-TA with selector SPKI(1)');
  const digests = usable.filter((r) => r.matchingType !== 0);
  if (digests.length > 0 && digests.every((r) => r.matchingType === 2)) out.push('only SHA2-512 digests');
  return out;
}

export function describeRecord(r: TlsaRecord): string {
  return `${r.usage} ${r.selector} ${r.matchingType} ${r.data.length > 16 ? `${r.data.slice(0, 16)}…` : r.data}`;
}
