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
import { CertificateSummaries, certificateNameValid, chainOutsideValidity, peerChain } from './certificate';
import { anchoredPathLength } from './chain';

export interface TrustStore {
  context: tls.SecureContext;
  /** Same roots plus obsolete protocol versions allowed, only to diagnose servers stuck below TLS 1.2. */
  legacyContext: tls.SecureContext;
  /**
   * The anchors, parsed on first use, for checks outside a handshake: a chain whose only OpenSSL error is a
   * date, a fetched AIA intermediate (RFC 5280 §4.2.2.1), the anchor a DANE-TA record names (RFC 7671 §5.2.2).
   */
  anchors(): readonly X509Certificate[];
  /** SHA-256 fingerprints of the anchors (as X509Certificate.fingerprint256 writes them). */
  anchorFingerprints(): ReadonlySet<string>;
  /** The anchors whose subject is exactly `subject` (X509Certificate.subject form): issuer lookups without a scan. */
  anchorsNamed(subject: string): readonly X509Certificate[];
  /** The run's certificate summaries, shared by every handshake. */
  summaries: CertificateSummaries;
}

/** System (Node's bundled Mozilla) roots plus the configured extra CA (the lab's, or a private PKI). */
export function createTrustStore(extraCaPem?: string): TrustStore {
  const ca = extraCaPem ? [...tls.rootCertificates, ...splitPem(extraCaPem)] : [...tls.rootCertificates];
  let parsed: X509Certificate[] | undefined;
  let fingerprints: Set<string> | undefined;
  let bySubject: Map<string, X509Certificate[]> | undefined;
  const anchors = () => {
    parsed ??= ca.flatMap((pem) => {
      try {
        return [new X509Certificate(pem)];
      } catch {
        return [];
      }
    });
    return parsed;
  };
  return {
    anchors,
    anchorFingerprints() {
      fingerprints ??= new Set(anchors().map((a) => a.fingerprint256));
      return fingerprints;
    },
    anchorsNamed(subject) {
      if (!bySubject) {
        bySubject = new Map();
        for (const a of anchors()) bySubject.set(a.subject, [...(bySubject.get(a.subject) ?? []), a]);
      }
      return bySubject.get(subject) ?? [];
    },
    summaries: new CertificateSummaries(),
    context: tls.createSecureContext({ ca, minVersion: 'TLSv1.2' }),
    legacyContext: tls.createSecureContext({ ca, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
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
  /** Which context: TLS ≥ 1.2 (default), or obsolete versions allowed too (diagnosis only). */
  flavour?: 'trusted' | 'legacy';
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
      secureContext: opts.flavour === 'legacy' ? opts.trust.legacyContext : opts.trust.context,
      rejectUnauthorized: false,
      // Node would fold its own hostname check into authorizationError; names are judged separately and
      // by RFC 9525 rules (certificateNameValid), so `authorized` keeps meaning "the chain is trusted".
      checkServerIdentity: () => undefined,
      ...(opts.alpn ? { ALPNProtocols: opts.alpn } : {}),
    });
    // Node builds the legacy getPeerCertificate(true) object of the whole chain only to hand it to
    // checkServerIdentity, which ignores it here; that cost a fifth of a millisecond per handshake. The chain
    // is read through getPeerX509Certificate instead, and the real method is back once the handshake is done.
    (socket as { getPeerCertificate: unknown }).getPeerCertificate = () => ({});
    let tcpUp = !!opts.socket;
    let settled = false;
    const timer = setTimeout(() => fail('ETIMEDOUT', `${tcpUp ? 'TLS handshake' : 'TCP connect'} timed out after ${Math.round(opts.timeoutMs)} ms`, true), opts.timeoutMs);
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
      delete (socket as { getPeerCertificate?: unknown }).getPeerCertificate;
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      socket.on('error', () => undefined); // later errors surface through the caller's reads
      let evidence: TlsSessionEvidence;
      try {
        evidence = sessionEvidence(socket, opts.reference, opts.now, opts.trust);
      } catch (e) {
        // The certificate is the server's to choose: one Node cannot summarise (an odd key type, a broken
        // extension) fails this handshake as evidence, instead of throwing out of an event handler.
        socket.destroy();
        resolve({ ok: false, stage: 'handshake', code: 'ERR_CERTIFICATE_UNREADABLE', message: `the presented certificate cannot be read: ${(e as Error).message}`, timedOut: false });
        return;
      }
      resolve({ ok: true, socket, evidence, connectMs: Math.round(performance.now() - started) });
    });
  });
}

function sessionEvidence(socket: tls.TLSSocket, reference: string, now: Date, trust: TrustStore): TlsSessionEvidence {
  const certs = peerChain(socket);
  const chain = certs.map((x) => trust.summaries.of(x, now));
  const err = socket.authorizationError ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) : undefined;
  // Node's verify callback accepts every certificate, so OpenSSL keeps going and reports only the LAST error:
  // an expired self-signed certificate shows up as "expired", not "untrusted". On a date error the anchoring
  // is checked here; dates are judged separately, over the anchored path only (pathOutsideValidity).
  // The path is only worth finding when trust is in question or some date is: the common case costs nothing.
  const dateError = err === 'CERT_HAS_EXPIRED' || err === 'CERT_NOT_YET_VALID';
  const pathLength = dateError || (socket.authorized && chainOutsideValidity({ chain }, now)) ? anchoredPathLength(certs, trust, now) : 0;
  const trusted = socket.authorized || pathLength > 0;
  return {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.name ?? 'unknown',
    chain,
    chainTrusted: trusted,
    chainError: err,
    ...(trusted && pathLength > 0 && pathLength < chain.length ? { pathLength } : {}),
    nameValid: chain[0] ? certificateNameValid(chain[0], reference) : false,
    referenceName: reference,
  };
}

/** True for TLS versions below 1.2 (RFC 8996). */
export function isObsoleteProtocol(protocol: string | undefined): boolean {
  return protocol === 'TLSv1' || protocol === 'TLSv1.1' || protocol === 'SSLv3';
}
