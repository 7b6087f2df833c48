/**
 * Certification-path checks the engine makes itself, in one place: where OpenSSL's verdict is not enough
 * (Node reports only its last error, so a date error hides every other one), for a fetched AIA intermediate,
 * and for the DANE-TA chain walk. Every link is judged the same way everywhere: the issuer's name and
 * signature, and, for an issuer that is not a trust anchor, that it is a CA at all (RFC 5280 §6.1.4 (k):
 * basicConstraints cA TRUE). OpenSSL's check_issued already covers names, the key identifier and keyUsage
 * keyCertSign (§6.1.4 (n)); it does not look at basicConstraints, which OpenSSL checks elsewhere.
 */
import type { X509Certificate } from 'node:crypto';
import type { TrustStore } from './handshake';

/** `child` names `parent` as its issuer and carries its signature. Says nothing about `parent` being a CA. */
export function signedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/**
 * `child` is issued by `parent`, a CA (RFC 5280 §6.1.4 (k)): a leaf certificate, or any certificate without
 * basicConstraints cA TRUE, signs nothing a relying party may accept, whatever its signature says.
 */
export function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return parent.ca && signedBy(child, parent);
}

/**
 * The first link of `certs[0..top]` (leaf first) that is not "issued by the next one", or undefined when
 * every certificate up to `top` is issued by its successor. Used by the DANE-TA walk (RFC 7671 §5.2.2),
 * where the certificate at `top` is the anchor the TLSA record names.
 */
export function brokenLink(certs: readonly X509Certificate[], top: number): number | undefined {
  for (let i = 0; i < top && i + 1 < certs.length; i++) if (!issuedBy(certs[i]!, certs[i + 1]!)) return i;
  return undefined;
}

/** Anchors named `name`, by the index; by a full scan when the index has none (OpenSSL folds case and spaces). */
function anchorsCalled(name: string, trust: TrustStore, match: (a: X509Certificate) => boolean): X509Certificate[] {
  const named = trust.anchorsNamed(name).filter(match);
  return named.length > 0 ? named : trust.anchors().filter(match);
}

/** An anchor is itself dated: an expired root anchors nothing for OpenSSL, so not for us either. */
function current(a: X509Certificate, now: Date): boolean {
  return a.validFromDate.getTime() <= now.getTime() && now.getTime() <= a.validToDate.getTime();
}

/** A cross-sign of an anchor: the same subject and key, signed by someone else. */
function crossSignOfAnchor(cert: X509Certificate, trust: TrustStore): X509Certificate[] {
  return anchorsCalled(cert.subject, trust, (a) => a.subject === cert.subject && a.publicKey.equals(cert.publicKey));
}

/**
 * Signed by a trust anchor: anchors named as the issuer first, then any (see anchorsCalled). An anchor is
 * input to path validation, not a certificate of the path (RFC 5280 §6.1.1 (d)), so it is not asked to carry
 * basicConstraints; every certificate below it is (issuedBy).
 */
export function issuedByAnchor(cert: X509Certificate, trust: TrustStore, now?: Date): boolean {
  return anchorsCalled(cert.issuer, trust, (a) => signedBy(cert, a)).some((a) => now === undefined || current(a, now));
}

/**
 * How many certificates of the presented chain, leaf first, lie on the path to a trust anchor: each issued
 * by the next (a CA), up to one that is an anchor (counted when it is the anchor itself, not when it is only
 * a cross-sign of one, whose own dates then do not matter) or is signed by a current one. 0 when no such
 * path exists. Only this path's dates matter (RFC 5280 §6.1.3): servers still send spare cross-signs, some
 * expired, that no client uses (Let's Encrypt's ISRG Root X1 signed by DST Root CA X3).
 */
export function anchoredPathLength(certs: X509Certificate[], trust: TrustStore, now: Date): number {
  for (let i = 0; i < certs.length; i++) {
    const c = certs[i]!;
    if (trust.anchorFingerprints().has(c.fingerprint256)) return current(c, now) ? i + 1 : 0;
    const crossSigned = crossSignOfAnchor(c, trust);
    if (crossSigned.length > 0) return crossSigned.some((a) => current(a, now)) ? i : 0;
    if (issuedByAnchor(c, trust, now)) return i + 1;
    if (i + 1 >= certs.length || !issuedBy(c, certs[i + 1]!)) return 0;
  }
  return 0;
}
