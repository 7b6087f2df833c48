/**
 * The lab's policy hosts: one HTTPS port serving every `mta-sts.<domain>` by SNI, each with its own
 * certificate and behaviour (status, headers, body, slow headers, trickled body, handshake abort). Hosts
 * limited to obsolete TLS versions get a loopback address of their own on the same port, because the
 * protocol range is fixed before the SNI callback runs. A plain-HTTP side serves AIA intermediates.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type net from 'node:net';

/**
 * One step of a hand-written response, for hosts no HTTP server library would produce: written straight to
 * the TLS socket after the request arrives. After the last step the connection stays open, unless reset.
 */
export type RawStep =
  | { send: string | Buffer }
  /** `data` in `chunkBytes` pieces, one every `intervalMs`. */
  | { trickle: string | Buffer; chunkBytes: number; intervalMs: number }
  | { pause: number }
  /** A TCP RST (not a TLS close): a crashed back end or a proxy cutting the connection. */
  | { reset: true };

export interface HttpsHostBehaviour {
  cert: { keyPem: string; chainPem: string };
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  headerDelayMs?: number;
  trickle?: { chunkBytes: number; intervalMs: number };
  /** Refuse the handshake for this SNI (an alert), as a server without that virtual host does. */
  abortHandshake?: boolean;
  tls?: { maxVersion: 'TLSv1' | 'TLSv1.1' };
  /** Instead of status/headers/body: these bytes, as scripted. */
  raw?: RawStep[];
}

export interface LabHttpsOptions {
  hosts: Record<string, HttpsHostBehaviour>;
  defaultCert: { keyPem: string; chainPem: string };
  /** Added before every response (benchmark latency). */
  delayMs?: number;
  address: string;
  /** Further addresses serving the same hosts (spreads policy hosts over several IPs, as on the internet). */
  extraAddresses?: string[];
  /** Where obsolete-TLS hosts get their own address: `${legacyPrefix}${n}`. */
  legacyPrefix?: string;
}

export interface LabHttps {
  port: number;
  /** The address a policy host is served on (its A record). */
  addressOf(host: string): string;
  setHost(host: string, behaviour: HttpsHostBehaviour): Promise<void>;
  /** Plain HTTP on the same address, serving files such as AIA intermediates: returns their URL. */
  publish(path: string, body: Buffer, contentType: string): string;
  close(): Promise<void>;
}

interface Listener {
  server: net.Server;
  address: string;
}

export async function startLabHttps(opts: LabHttpsOptions): Promise<LabHttps> {
  const hosts = new Map<string, HttpsHostBehaviour>(Object.entries(opts.hosts));
  const contexts = new Map<string, tls.SecureContext>();
  const published = new Map<string, { body: Buffer; contentType: string }>();
  const legacyAddress = new Map<string, string>();
  const legacyPrefix = opts.legacyPrefix ?? '127.0.3.';
  // Hosts sharing a certificate share one context (a provider's multi-SAN certificate).
  const byCert = new Map<string, tls.SecureContext>();
  const contextOf = (b: HttpsHostBehaviour) => {
    const key = `${b.tls?.maxVersion ?? ''}|${b.cert.chainPem}`;
    let ctx = byCert.get(key);
    if (!ctx) {
      ctx = tls.createSecureContext({ key: b.cert.keyPem, cert: b.cert.chainPem, ...(b.tls ? { minVersion: 'TLSv1', maxVersion: b.tls.maxVersion, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}) });
      byCert.set(key, ctx);
    }
    return ctx;
  };
  for (const [name, b] of hosts) contexts.set(name, contextOf(b));

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const name = ((req.socket as tls.TLSSocket).servername || '').toLowerCase();
    const b = hosts.get(name);
    const respond = () => {
      if (!b) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such virtual host\n');
        return;
      }
      if (b.raw) {
        runScript(req.socket as tls.TLSSocket, b.raw);
        return;
      }
      const body = Buffer.isBuffer(b.body) ? b.body : Buffer.from(b.body, 'utf8');
      if (!b.trickle) {
        res.writeHead(b.status, b.headers).end(body);
        return;
      }
      // Headers go out at once (Node would hold them until the first body write): only the body trickles.
      res.writeHead(b.status, b.headers).flushHeaders();
      let offset = 0;
      const timer = setInterval(() => {
        if (res.destroyed || offset >= body.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(body.subarray(offset, offset + b.trickle!.chunkBytes));
        offset += b.trickle!.chunkBytes;
      }, b.trickle.intervalMs);
      res.on('close', () => clearInterval(timer));
    };
    const delay = (opts.delayMs ?? 0) + (b?.headerDelayMs ?? 0);
    // Unref'd: a deliberately late answer must not keep a finished demo alive.
    if (delay > 0) setTimeout(respond, delay).unref();
    else respond();
  };

  const sni = (servername: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void) => {
    const name = servername.toLowerCase();
    if (hosts.get(name)?.abortHandshake) return cb(new Error(`no virtual host for ${name}`));
    cb(null, contexts.get(name));
  };

  const plain = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const file = published.get(req.url ?? '');
    if (!file) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file.contentType }).end(file.body);
  };

  const listeners: Listener[] = [];
  const first = https.createServer({ key: opts.defaultCert.keyPem, cert: opts.defaultCert.chainPem, SNICallback: sni }, handler);
  const port = await listen(first, 0, opts.address);
  listeners.push({ server: first, address: opts.address });
  const plainServer = http.createServer(plain);
  const plainPort = await listen(plainServer, 0, opts.address);
  listeners.push({ server: plainServer, address: opts.address });
  for (const address of opts.extraAddresses ?? []) {
    const s = https.createServer({ key: opts.defaultCert.keyPem, cert: opts.defaultCert.chainPem, SNICallback: sni }, handler);
    await listen(s, port, address);
    listeners.push({ server: s, address });
  }

  async function serveLegacy(name: string, b: HttpsHostBehaviour): Promise<void> {
    if (!b.tls || legacyAddress.has(name)) return;
    const address = `${legacyPrefix}${legacyAddress.size + 1}`;
    const s = https.createServer({ key: b.cert.keyPem, cert: b.cert.chainPem, minVersion: 'TLSv1', maxVersion: b.tls.maxVersion, ciphers: 'DEFAULT:@SECLEVEL=0' }, handler);
    await listen(s, port, address);
    listeners.push({ server: s, address });
    legacyAddress.set(name, address);
  }
  for (const [name, b] of hosts) await serveLegacy(name, b);

  return {
    port,
    addressOf(host) {
      const name = host.toLowerCase();
      const legacy = legacyAddress.get(name);
      if (legacy) return legacy;
      // Spread hosts over every serving address, stably per name (FNV-1a), as hosting spreads them over IPs.
      const all = [opts.address, ...(opts.extraAddresses ?? [])];
      let h = 0x811c9dc5;
      for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
      return all[h % all.length]!;
    },
    async setHost(host, behaviour) {
      const name = host.toLowerCase();
      hosts.set(name, behaviour);
      contexts.set(name, contextOf(behaviour));
      await serveLegacy(name, behaviour);
    },
    publish(path, body, contentType) {
      published.set(path, { body, contentType });
      return `http://${opts.address}:${plainPort}${path}`;
    },
    async close() {
      await Promise.all(listeners.map(({ server }) => new Promise<void>((resolve) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      })));
    },
  };
}

/** Plays `steps` on the socket; timers stop when the client goes away. */
function runScript(socket: tls.TLSSocket, steps: RawStep[]): void {
  socket.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  socket.once('close', () => clearTimeout(timer));
  const later = (ms: number, next: () => void) => {
    timer = setTimeout(next, ms);
    timer.unref();
  };
  const step = (i: number) => {
    const s = steps[i];
    if (!s || socket.destroyed) return;
    if ('send' in s) {
      socket.write(s.send);
      step(i + 1);
    } else if ('pause' in s) {
      later(s.pause, () => step(i + 1));
    } else if ('reset' in s) {
      // Once the written bytes are flushed, RST the TCP connection underneath TLS (resetAndDestroy needs the TCP handle).
      socket.write('', () => ((socket as tls.TLSSocket & { _parent?: net.Socket })._parent ?? socket).resetAndDestroy());
    } else {
      const data = Buffer.isBuffer(s.trickle) ? s.trickle : Buffer.from(s.trickle);
      const piece = (offset: number) => {
        if (socket.destroyed) return;
        if (offset >= data.length) return step(i + 1);
        socket.write(data.subarray(offset, offset + s.chunkBytes));
        later(s.intervalMs, () => piece(offset + s.chunkBytes));
      };
      piece(0);
    }
  };
  step(0);
}

function listen(server: net.Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}
