/**
 * DNS over UDP through a few long-lived sockets instead of one socket per question: creating, binding and
 * closing a socket costs more CPU than the exchange itself, and an audit asks about ten questions per domain.
 * Answers are matched to questions by DNS ID and question (RFC 5452 §9.1); several sockets on random ports
 * keep source-port entropy against spoofed answers. Sockets are unref'd: only a pending question's timer
 * keeps the process alive.
 */
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import ipaddr from 'ipaddr.js';

interface Pending {
  /** The server asked, normalised; undefined when it was given by name (dgram resolves it). */
  from?: string;
  port: number;
  check: (p: dnsPacket.Packet) => boolean;
  resolve: (p: dnsPacket.Packet) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  /** Detaches the abort listener once the question is settled. */
  done?: () => void;
}

interface PooledSocket {
  socket: dgram.Socket;
  pending: Map<number, Pending>;
}

export class UdpTimeout extends Error {
  override name = 'UdpTimeout';
}

/** The caller gave up on the question (another attempt was answered): its ID is free again. */
export class UdpAborted extends Error {
  override name = 'UdpAborted';
}

const POOL_SIZE = 8;
const RECV_BUFFER_BYTES = 4 << 20;

function normalised(host: string): string | undefined {
  return ipaddr.isValid(host) ? ipaddr.process(host).toNormalizedString() : undefined;
}

export class UdpPool {
  private readonly sockets = new Map<'udp4' | 'udp6', PooledSocket[]>();

  /**
   * Sends `encode(id)` for a fresh ID and resolves with the first datagram that passes `check`; rejects with
   * UdpTimeout after `timeoutMs`, or with UdpAborted when `signal` aborts first.
   */
  exchange(family: 'udp4' | 'udp6', host: string, port: number, encode: (id: number) => Buffer, check: (p: dnsPacket.Packet) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<dnsPacket.Packet> {
    if (signal?.aborted) return Promise.reject(new UdpAborted('question withdrawn before it was sent'));
    const pooled = this.pick(family);
    let id = randomInt(0, 65_536);
    // IDs must be unique among this socket's questions in flight; with 65,536 of them a free one is near.
    while (pooled.pending.has(id)) id = (id + 1) & 0xffff;
    return new Promise((resolve, reject) => {
      const settle = (err: Error) => {
        clearTimeout(timer);
        if (pooled.pending.get(id) === waiting) pooled.pending.delete(id);
        waiting.done?.();
        reject(err);
      };
      const timer = setTimeout(() => settle(new UdpTimeout(`no answer from ${host}:${port} in ${timeoutMs} ms`)), timeoutMs);
      const waiting: Pending = { from: normalised(host), port, check, resolve, reject, timer };
      if (signal) {
        const onAbort = () => settle(new UdpAborted('question withdrawn'));
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.done = () => signal.removeEventListener('abort', onAbort);
      }
      pooled.pending.set(id, waiting);
      pooled.socket.send(encode(id), port, host, (err) => {
        if (err) settle(err);
      });
    });
  }

  private pick(family: 'udp4' | 'udp6'): PooledSocket {
    let list = this.sockets.get(family);
    if (!list) {
      list = [];
      this.sockets.set(family, list);
    }
    if (list.length < POOL_SIZE) {
      const created = this.open(family, list);
      list.push(created);
      return created;
    }
    return list[randomInt(0, list.length)]!;
  }

  private open(family: 'udp4' | 'udp6', list: PooledSocket[]): PooledSocket {
    const socket = dgram.createSocket(family);
    const pooled: PooledSocket = { socket, pending: new Map() };
    socket.unref();
    socket.once('listening', () => {
      // Answers to a burst of questions arrive together, while the event loop may be busy for a moment: the
      // default receive buffer (about 200 small datagrams on Linux) overflows, and every dropped answer
      // costs a whole time-out. The kernel caps the size at its configured maximum.
      try {
        socket.setRecvBufferSize(RECV_BUFFER_BYTES);
      } catch {
        // a system that refuses keeps its default
      }
    });
    socket.on('message', (msg, rinfo) => {
      let packet: dnsPacket.Packet;
      try {
        packet = dnsPacket.decode(msg);
      } catch {
        return; // malformed datagram: noise or spoofing, keep waiting for the real answer
      }
      const waiting = packet.id === undefined ? undefined : pooled.pending.get(packet.id);
      // RFC 5452 §9.1: an answer must come from the address and port the question went to.
      if (!waiting || rinfo.port !== waiting.port || (waiting.from !== undefined && normalised(rinfo.address) !== waiting.from)) return;
      if (!waiting.check(packet)) return;
      clearTimeout(waiting.timer);
      pooled.pending.delete(packet.id!);
      waiting.done?.();
      waiting.resolve(packet);
    });
    socket.on('error', (err) => {
      // A broken socket fails its questions and leaves the pool; the next question opens a fresh one.
      for (const p of pooled.pending.values()) {
        clearTimeout(p.timer);
        p.done?.();
        p.reject(err);
      }
      pooled.pending.clear();
      const i = list.indexOf(pooled);
      if (i >= 0) list.splice(i, 1);
      socket.close();
    });
    return pooled;
  }
}
