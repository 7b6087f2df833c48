/**
 * One TLS handshake, as a sender would do it, with the verdict taken apart for evidence: we accept any
 * certificate at the TLS layer (rejectUnauthorized: false) so the chain can be recorded, then judge trust,
 * dates and name ourselves. Callers abort before sending anything when the verdict is negative, exactly
 * like a sender that refuses the session (RFC 8461 §3.3, §4.2).
 */
import tls from 'node:tls';
import type net from 'node:net';
import { X509Certificate } from 'node:crypto';
import type { TlsSessionEvidence } from '../../../shared/types';
import { certificateNameValid, peerChainDer, summariseCertificate } from './certificate';

export interface TrustStore {
  context: tls.SecureContext;
  /** Same roots plus obsolete protocol versions allowed, only to diagnose servers stuck below TLS 1.2. */
  legacyContext: tls.SecureContext;
  /**
   * No trust anchors at all. OpenSSL splices issuers from the trust store into the peer chain Node reports,
   * so only a handshake without anchors shows the chain exactly as the server sent it (DANE-TA, RFC 7671 §5.2.2).
   */
  bareContext: tls.SecureContext;
  /** The anchors as PEM, for checks outside a handshake (a fetched AIA intermediate, RFC 5280 §4.2.2.1). */
  anchorsPem: readonly string[];
  /** SHA-256 fingerprints of the anchors (as X509Certificate.fingerprint256 writes them), computed on first use. */
  anchorFingerprints(): ReadonlySet<string>;
}

/** System (Node's bundled Mozilla) roots plus the configured extra CA (the lab's, or a private PKI). */
export function createTrustStore(extraCaPem?: string): TrustStore {
  const ca = extraCaPem ? [...tls.rootCertificates, ...splitPem(extraCaPem)] : [...tls.rootCertificates];
  let fingerprints: Set<string> | undefined;
  return {
    anchorFingerprints() {
      fingerprints ??= new Set(ca.flatMap((pem) => {
        try {
          return [new X509Certificate(pem).fingerprint256];
        } catch {
          return [];
        }
      }));
      return fingerprints;
    },
    context: tls.createSecureContext({ ca, minVersion: 'TLSv1.2' }),
    legacyContext: tls.createSecureContext({ ca, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
    // An explicit empty list keeps Node from loading its bundled roots (tls.createSecureContext: ca given).
    bareContext: tls.createSecureContext({ ca: [], minVersion: 'TLSv1.2' }),
    anchorsPem: ca,
  };
}

/** A PEM bundle split into single certificates. */
export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

export interface HandshakeOptions {
  /** TCP target when no socket is given. */
  host?: string;
  port?: number;
  /** An established plain socket to upgrade (SMTP after STARTTLS). */
  socket?: net.Socket;
  /** SNI; omitted to test servers that depend on it. */
  servername?: string;
  /** The name the certificate must be valid for. */
  reference: string;
  trust: TrustStore;
  /** Which context: anchors with TLS ≥ 1.2 (default), anchors with obsolete versions, or no anchors. */
  flavour?: 'trusted' | 'legacy' | 'bare';
  /** ALPN offer: HTTP for the policy fetch, none for SMTP (RFC 7301 §3.1: only when there is a protocol to name). */
  alpn?: string[];
  now: Date;
  timeoutMs: number;
}

export type HandshakeResult =
  | { ok: true; socket: tls.TLSSocket; evidence: TlsSessionEvidence; connectMs: number }
  | { ok: false; stage: 'connect' | 'handshake'; code: string; message: string; timedOut: boolean };

export function handshake(opts: HandshakeOptions): Promise<HandshakeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = tls.connect({
      ...(opts.socket ? { socket: opts.socket } : { host: opts.host, port: opts.port }),
      servername: opts.servername,
      secureContext: opts.flavour === 'legacy' ? opts.trust.legacyContext : opts.flavour === 'bare' ? opts.trust.bareContext : opts.trust.context,
      rejectUnauthorized: false,
      // Node would fold its own hostname check into authorizationError; names are judged separately and
      // by RFC 9525 rules (certificateNameValid), so `authorized` keeps meaning "the chain is trusted".
      checkServerIdentity: () => undefined,
      ...(opts.alpn ? { ALPNProtocols: opts.alpn } : {}),
    });
    let tcpUp = !!opts.socket;
    let settled = false;
    const timer = setTimeout(() => fail('ETIMEDOUT', `TLS ${tcpUp ? 'handshake' : 'connect'} timed out after ${opts.timeoutMs} ms`, true), opts.timeoutMs);
    function fail(code: string, message: string, timedOut = false) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: false, stage: tcpUp ? 'handshake' : 'connect', code, message, timedOut });
    }
    socket.once('connect', () => (tcpUp = true));
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? 'ERR_TLS', e.message));
    socket.once('close', () => fail('ECONNRESET', 'connection closed during the TLS handshake'));
    socket.once('secureConnect', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      socket.on('error', () => undefined); // later errors surface through the caller's reads
      resolve({ ok: true, socket, evidence: sessionEvidence(socket, opts.reference, opts.now, opts.trust), connectMs: Math.round(performance.now() - started) });
    });
  });
}

/**
 * Node's verify callback accepts every certificate, so OpenSSL keeps going and reports only the LAST error:
 * an expired self-signed certificate shows up as "expired", not "untrusted". When that last error is a date,
 * check the anchoring ourselves: every link signed by the next, and the top an anchor or signed by one.
 */
function anchored(chainDer: Buffer[], trust: TrustStore): boolean {
  try {
    const certs = chainDer.map((d) => new X509Certificate(d));
    for (let i = 0; i + 1 < certs.length; i++) {
      if (!certs[i]!.checkIssued(certs[i + 1]!) || !certs[i]!.verify(certs[i + 1]!.publicKey)) return false;
    }
    const top = certs.at(-1);
    return !!top && trust.anchorFingerprints().has(top.fingerprint256);
  } catch {
    return false;
  }
}

function sessionEvidence(socket: tls.TLSSocket, reference: string, now: Date, trust: TrustStore): TlsSessionEvidence {
  const ders = peerChainDer(socket);
  const chain = ders.map((der) => summariseCertificate(der, now));
  const err = socket.authorizationError ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) : undefined;
  // Dates are judged separately (chainOutsideValidity); a chain that fails only on dates still reaches a trusted root.
  const trusted = socket.authorized || ((err === 'CERT_HAS_EXPIRED' || err === 'CERT_NOT_YET_VALID') && anchored(ders, trust));
  return {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.name ?? 'unknown',
    chain,
    chainTrusted: trusted,
    chainError: err,
    nameValid: chain[0] ? certificateNameValid(chain[0], reference) : false,
    referenceName: reference,
  };
}

/** True for TLS versions below 1.2 (RFC 8996). */
export function isObsoleteProtocol(protocol: string | undefined): boolean {
  return protocol === 'TLSv1' || protocol === 'TLSv1.1' || protocol === 'SSLv3';
}
