/**
 * Tells "missing intermediate" apart from "untrusted" (STARTTLS_CHAIN_INCOMPLETE): when the chain a server
 * sent does not reach a trust anchor, fetch the issuer named by the top certificate's AIA caIssuers URL
 * (RFC 5280 §4.2.2.1) and check whether it bridges the gap. MTAs never do this, so the chain stays
 * untrusted for them; the finding only names the cause. The URL comes from an untrusted certificate: plain
 * http only, through the configured resolver and the private-address guard, with a size cap and a time-out.
 */
import { X509Certificate } from 'node:crypto';
import { request } from 'undici';
import type { DnsLookup } from '../net/dns';
import type { AddressFilter } from '../net/address-guard';
import { isIpLiteral } from '../parse/domain-name';
import { lookupAddresses } from '../net/dns-answers';
import type { TrustStore } from './handshake';
import { issuedBy, issuedByAnchor } from './chain';
import { SharedResults } from '../lru-map';

const MAX_BYTES = 16_384;
const TIMEOUT_MS = 5000;
/** OpenSSL verify results that mean "the issuer of a presented certificate was not found". */
const ISSUER_MISSING = new Set(['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT']);

export function issuerMissing(chainError: string | undefined): boolean {
  return chainError !== undefined && ISSUER_MISSING.has(chainError);
}

/** The first http caIssuers URL of a certificate, if any. */
export function caIssuersUrl(der: Buffer): string | undefined {
  try {
    const info = new X509Certificate(der).infoAccess ?? '';
    return /CA Issuers - URI:(http:\/\/\S+)/.exec(info)?.[1];
  } catch {
    return undefined;
  }
}

function parseCertificate(body: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(body);
  } catch {
    return undefined;
  }
}

/**
 * The URL actually requested: the caIssuers URL with only its host replaced by the address just checked.
 * Resolving the path against a base URL instead would let a path such as `//169.254.169.254/` name a
 * different, unchecked host.
 */
export function requestTarget(url: URL, address: string): URL {
  const target = new URL(url.href);
  target.hostname = address.includes(':') ? `[${address}]` : address;
  target.username = '';
  target.password = '';
  target.hash = '';
  return target;
}

export class AiaCompleter {
  /** null: the URL gave no certificate. Bounded: the URLs come from untrusted certificates. */
  private readonly fetched = new SharedResults<X509Certificate | null>(1000);
  constructor(private readonly deps: { dns: DnsLookup; allowed: AddressFilter; trust: TrustStore; now: () => Date }) {}

  /** The URL of the intermediate that completes the chain whose top (last presented) certificate is `topDer`. */
  async completes(topDer: Buffer): Promise<string | undefined> {
    const url = caIssuersUrl(topDer);
    if (!url) return undefined;
    const issuer = await this.fetch(url);
    if (!issuer || !issuer.ca) return undefined;
    const now = this.deps.now().getTime();
    if (Date.parse(issuer.validFrom) > now || Date.parse(issuer.validTo) < now) return undefined;
    const top = parseCertificate(topDer);
    if (!top || !issuedBy(top, issuer)) return undefined;
    const anchored = this.deps.trust.anchorFingerprints().has(issuer.fingerprint256) || issuedByAnchor(issuer, this.deps.trust);
    return anchored ? url : undefined;
  }

  private async fetch(url: string): Promise<X509Certificate | undefined> {
    return (await this.fetched.get(url, () => this.download(url).then((c) => c ?? null, () => null))) ?? undefined;
  }

  private async download(raw: string): Promise<X509Certificate | undefined> {
    const url = new URL(raw);
    if (url.protocol !== 'http:') return undefined;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const address = isIpLiteral(host) ? host : (await lookupAddresses(this.deps.dns, host)).addresses.find(this.deps.allowed);
    if (!address || !this.deps.allowed(address)) return undefined;
    const target = requestTarget(url, address);
    const res = await request(target, {
      method: 'GET', headers: { host: url.host }, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      return undefined;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) {
        res.body.destroy();
        return undefined;
      }
      chunks.push(chunk as Buffer);
    }
    return parseCertificate(Buffer.concat(chunks));
  }
}
