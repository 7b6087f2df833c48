/**
 * One TLS handshake, as a sender would do it, with the verdict taken apart for evidence: we accept any
 * certificate at the TLS layer (rejectUnauthorized: false) so the chain can be recorded, then judge trust,
 * dates and name ourselves. Callers abort before sending anything when the verdict is negative, exactly
 * like a sender that refuses the session (RFC 8461 §3.3, §4.2).
 */
import tls from 'node:tls';
import type net from 'node:net';
import type { TlsSessionEvidence } from '../../../shared/types';
import { certificateNameValid, peerChainDer, summariseCertificate } from './certificate';

export interface TrustStore {
  context: tls.SecureContext;
  /** Same roots plus obsolete protocol versions allowed, only to diagnose servers stuck below TLS 1.2. */
  legacyContext: tls.SecureContext;
}

/** System (Node's bundled Mozilla) roots plus the configured extra CA (the lab's, or a private PKI). */
export function createTrustStore(extraCaPem?: string): TrustStore {
  const ca = extraCaPem ? [...tls.rootCertificates, extraCaPem] : [...tls.rootCertificates];
  return {
    context: tls.createSecureContext({ ca, minVersion: 'TLSv1.2' }),
    legacyContext: tls.createSecureContext({ ca, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
  };
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
  legacy?: boolean;
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
      secureContext: opts.legacy ? opts.trust.legacyContext : opts.trust.context,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
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
      resolve({ ok: true, socket, evidence: sessionEvidence(socket, opts.reference, opts.now), connectMs: Math.round(performance.now() - started) });
    });
  });
}

function sessionEvidence(socket: tls.TLSSocket, reference: string, now: Date): TlsSessionEvidence {
  const chain = peerChainDer(socket).map((der) => summariseCertificate(der, now));
  const err = socket.authorizationError ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) : undefined;
  // Dates are judged separately (chainOutsideValidity); a chain that fails only on dates still reaches a trusted root.
  const trusted = socket.authorized || err === 'CERT_HAS_EXPIRED' || err === 'CERT_NOT_YET_VALID';
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
