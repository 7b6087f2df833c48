/**
 * The lab's MX hosts: SMTP servers with STARTTLS on one shared port, one loopback address per endpoint
 * (SMTP has no name indication before TLS, so the address is what tells the hosts apart). Ordinary hosts
 * run the real `smtp-server` implementation, so the engine's client is exercised against an independent
 * SMTP stack; behaviours no real server would choose (a 554 greeting, closing after EHLO, 454 to STARTTLS,
 * re-advertising STARTTLS inside TLS, per-reply latency) run on a small scripted responder.
 */
import net from 'node:net';
import tls from 'node:tls';
import { SMTPServer } from 'smtp-server';

export interface SmtpHostBehaviour {
  /** The MX host name this endpoint serves (greeting, EHLO reply, SNI reference). */
  name: string;
  /** Certificate served with SNI = name (and without SNI unless `requireSni`). */
  cert?: { keyPem: string; chainPem: string };
  /** Served without SNI (or for another name) when `requireSni` is set. */
  fallbackCert?: { keyPem: string; chainPem: string };
  noStarttls?: boolean;
  /** Full greeting line, e.g. "554 5.7.1 no SMTP service here". */
  greeting?: string;
  /** The first this-many connections are greeted with 421 (rate limiting), later ones normally. */
  deferConnections?: number;
  /** At most this many sessions at once; another connection meanwhile is greeted with 421. */
  maxSessions?: number;
  /** Reply to STARTTLS instead of 220, e.g. "454 4.7.0 TLS not available". */
  starttlsReply?: string;
  bannerDelayMs?: number;
  /** Send the greeting one byte every this-many ms (a tarpit). */
  greetingTrickleMs?: number;
  closeAfterEhlo?: boolean;
  tlsMaxVersion?: string;
  requireSni?: boolean;
  advertiseAfterTls?: boolean;
  requireTls?: boolean;
  /** Answer STARTTLS with 220, then drop the connection instead of a handshake. */
  handshakeAbort?: boolean;
  /** The address is allocated but nothing listens: connections are refused. */
  down?: boolean;
  /** Added before every reply (benchmark latency). */
  replyDelayMs?: number;
  /** Extra names served on this endpoint by SNI (a provider MX answering for many host names). */
  sniNames?: Record<string, { keyPem: string; chainPem: string }>;
}

export interface LabSmtp {
  port: number;
  /** Serve another certificate on every address of an MX host from now on (a renewal or re-issue). */
  setCertificate(host: string, cert: { keyPem: string; chainPem: string }): void;
  /** First address of an MX host (its A record). */
  addressOf(host: string): string;
  addressesOf(host: string): string[];
  /** Connections accepted per address (tests assert a shared MX is probed once). */
  connections(address: string): number;
  close(): Promise<void>;
}

interface Endpoint {
  address: string;
  behaviour: SmtpHostBehaviour;
}

const MAX_LINE = 4096;

/** How to swap an endpoint's certificate while it runs (set by the server builders below). */
const certUpdaters = new WeakMap<net.Server, (cert: { keyPem: string; chainPem: string }) => void>();

/** The nth lab MX address: 127.0.1.1, 127.0.1.2, … 127.0.1.250, 127.0.2.1, … */
export function mxAddress(n: number): string {
  return `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
}

function usesScript(b: SmtpHostBehaviour): boolean {
  return !!(b.greeting || b.greetingTrickleMs || b.deferConnections || b.maxSessions || b.starttlsReply || b.closeAfterEhlo || b.advertiseAfterTls || b.replyDelayMs || b.tlsMaxVersion || b.handshakeAbort);
}

function tlsOptions(b: SmtpHostBehaviour): tls.SecureContextOptions {
  const legacy = b.tlsMaxVersion ? { minVersion: 'TLSv1' as const, maxVersion: b.tlsMaxVersion as tls.SecureVersion, ciphers: 'DEFAULT:@SECLEVEL=0' } : {};
  const base = b.requireSni ? b.fallbackCert ?? b.cert : b.cert;
  return { key: base?.keyPem, cert: base?.chainPem, ...legacy };
}

function sniContexts(b: SmtpHostBehaviour): Map<string, tls.SecureContext> {
  const map = new Map<string, tls.SecureContext>();
  const legacy = b.tlsMaxVersion ? { minVersion: 'TLSv1' as const, maxVersion: b.tlsMaxVersion as tls.SecureVersion, ciphers: 'DEFAULT:@SECLEVEL=0' } : {};
  if (b.cert) map.set(b.name.toLowerCase(), tls.createSecureContext({ key: b.cert.keyPem, cert: b.cert.chainPem, ...legacy }));
  for (const [name, c] of Object.entries(b.sniNames ?? {})) map.set(name.toLowerCase(), tls.createSecureContext({ key: c.keyPem, cert: c.chainPem, ...legacy }));
  return map;
}

function realServer(b: SmtpHostBehaviour): net.Server {
  const sni = sniContexts(b);
  const server = new SMTPServer({
    name: b.name,
    ...tlsOptions(b),
    SNICallback: (servername: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void) => cb(null, sni.get(servername.toLowerCase())),
    hideSTARTTLS: !!b.noStarttls || !b.cert,
    hideREQUIRETLS: !b.requireTls,
    authOptional: true,
    disabledCommands: ['AUTH'],
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      if (b.bannerDelayMs) setTimeout(() => callback(), b.bannerDelayMs).unref();
      else callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => undefined);
  const inner = (server as unknown as { server: net.Server }).server;
  certUpdaters.set(inner, (cert) => {
    b.cert = cert;
    sni.set(b.name.toLowerCase(), tls.createSecureContext({ key: cert.keyPem, cert: cert.chainPem }));
    if (!b.requireSni) server.updateSecureContext({ key: cert.keyPem, cert: cert.chainPem });
  });
  return inner;
}

/** A line-oriented responder that does exactly what the behaviour says, and nothing else. */
function scriptedServer(b: SmtpHostBehaviour): net.Server {
  const sni = sniContexts(b);
  let fallback = b.cert || b.fallbackCert ? tls.createSecureContext(tlsOptions(b)) : undefined;
  let accepted = 0;
  let open = 0;
  const scripted = net.createServer((raw) => {
    raw.on('error', () => undefined);
    const busy = b.maxSessions !== undefined && open >= b.maxSessions;
    open++;
    raw.once('close', () => open--);
    const greeting = ++accepted <= (b.deferConnections ?? 0) || busy ? '421 4.7.0 Too many connections, try again later' : b.greeting;
    let socket: net.Socket = raw;
    let secure = false;
    let buffer = '';
    const send = (text: string) => {
      const write = () => socket.writable && socket.write(`${text}\r\n`);
      if (b.replyDelayMs) setTimeout(write, b.replyDelayMs);
      else write();
    };
    const ehloLines = () => {
      const features = ['PIPELINING', '8BITMIME', 'ENHANCEDSTATUSCODES'];
      if (!b.noStarttls && fallback && (!secure || b.advertiseAfterTls)) features.push('STARTTLS');
      if (secure && b.requireTls) features.push('REQUIRETLS');
      return [b.name, ...features].map((f, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${f}`).join('\r\n');
    };
    const onLine = (line: string) => {
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') {
        if (b.closeAfterEhlo) return socket.destroy();
        return send(verb === 'HELO' ? `250 ${b.name}` : ehloLines());
      }
      if (verb === 'STARTTLS' && !secure && !b.noStarttls && fallback) {
        if (b.starttlsReply) return send(b.starttlsReply);
        if (b.handshakeAbort) {
          socket.write('220 2.0.0 Ready to start TLS\r\n', () => setTimeout(() => socket.destroy(), 20));
          return;
        }
        socket.removeAllListeners('data');
        socket.write('220 2.0.0 Ready to start TLS\r\n', () => {
          const t = new tls.TLSSocket(socket, {
            isServer: true, secureContext: fallback,
            SNICallback: (name, cb) => cb(null, sni.get(name.toLowerCase()) ?? (b.requireSni ? fallback : undefined)),
          });
          t.on('error', () => socket.destroy());
          t.on('secure', () => {
            secure = true;
            buffer = '';
          });
          socket = t;
          listen();
        });
        return;
      }
      if (verb === 'QUIT') {
        send('221 2.0.0 Bye');
        return setTimeout(() => socket.end(), b.replyDelayMs ?? 0);
      }
      if (verb === 'NOOP' || verb === 'RSET') return send('250 2.0.0 OK');
      send('502 5.5.2 Command not implemented');
    };
    const listen = () => {
      socket.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('latin1');
        if (buffer.length > MAX_LINE) return socket.destroy();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          onLine(line);
        }
      });
    };
    const trickle = (text: string) => {
      let i = 0;
      const timer = setInterval(() => {
        if (!socket.writable || i >= text.length) return clearInterval(timer);
        socket.write(text[i++]!);
      }, b.greetingTrickleMs);
      timer.unref();
      raw.once('close', () => clearInterval(timer));
    };
    const greet = () => {
      if (b.greetingTrickleMs) {
        trickle(`${greeting ?? `220 ${b.name} ESMTP lab`}\r\n`);
        return listen();
      }
      send(greeting ?? `220 ${b.name} ESMTP lab`);
      if (greeting && !greeting.startsWith('220')) setTimeout(() => socket.end(), 50);
      else listen();
    };
    if (b.bannerDelayMs) setTimeout(greet, b.bannerDelayMs).unref();
    else greet();
  });
  certUpdaters.set(scripted, (cert) => {
    b.cert = cert;
    sni.set(b.name.toLowerCase(), tls.createSecureContext({ key: cert.keyPem, cert: cert.chainPem }));
    fallback = tls.createSecureContext(tlsOptions(b));
  });
  return scripted;
}

/**
 * Starts one listener per endpoint, all on the same port number. `endpoints` lists the behaviours in order;
 * several entries with the same `name` become several addresses of one MX host (load-balanced nodes).
 */
export async function startLabSmtp(behaviours: SmtpHostBehaviour[], firstAddressIndex = 0): Promise<LabSmtp> {
  const endpoints: Endpoint[] = behaviours.map((behaviour, i) => ({ address: mxAddress(firstAddressIndex + i), behaviour }));
  const counts = new Map<string, number>();
  for (let attempt = 0; ; attempt++) {
    const servers: net.Server[] = [];
    try {
      let port = 0;
      for (const e of endpoints) {
        if (e.behaviour.down) continue;
        const server = usesScript(e.behaviour) ? scriptedServer(e.behaviour) : realServer(e.behaviour);
        server.on('connection', () => counts.set(e.address, (counts.get(e.address) ?? 0) + 1));
        port = await listen(server, port, e.address);
        servers.push(server);
      }
      const serverOf = new Map<Endpoint, net.Server>();
      endpoints.forEach((e) => {
        const i = servers.findIndex((srv) => (srv.address() as net.AddressInfo | null)?.address === e.address);
        if (i >= 0) serverOf.set(e, servers[i]!);
      });
      const byHost = new Map<string, string[]>();
      for (const e of endpoints) {
        const key = e.behaviour.name.toLowerCase();
        byHost.set(key, [...(byHost.get(key) ?? []), e.address]);
      }
      return {
        port,
        addressOf(host) {
          const a = byHost.get(host.toLowerCase())?.[0];
          if (!a) throw new Error(`no lab SMTP endpoint for ${host}`);
          return a;
        },
        addressesOf: (host) => byHost.get(host.toLowerCase()) ?? [],
        setCertificate(host, cert) {
          const mine = endpoints.filter((e) => e.behaviour.name.toLowerCase() === host.toLowerCase() && serverOf.has(e));
          if (mine.length === 0) throw new Error(`no running lab SMTP endpoint for ${host}`);
          for (const e of mine) certUpdaters.get(serverOf.get(e)!)?.(cert);
        },
        connections: (address) => counts.get(address) ?? 0,
        close: () => closeAll(servers),
      };
    } catch (err) {
      await closeAll(servers);
      // Another process holds this port number on one of our addresses: pick a new number.
      if (attempt >= 10 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
}

const sockets = new WeakMap<net.Server, Set<net.Socket>>();

function listen(server: net.Server, port: number, address: string): Promise<number> {
  const open = new Set<net.Socket>();
  sockets.set(server, open);
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function closeAll(servers: net.Server[]): Promise<void> {
  return Promise.all(servers.map((s) => new Promise<void>((resolve) => {
    for (const sock of sockets.get(s) ?? []) sock.destroy();
    if (!s.listening) return resolve();
    s.close(() => resolve());
  }))).then(() => undefined);
}
