/**
 * Pooled UDP DNS: an answer counts only when it comes from the server the question went to (RFC 5452 §9.1),
 * even when it carries the right ID and question.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { UdpPool, UdpTimeout } from '../../../electron/engine/net/udp-pool';

const sockets: dgram.Socket[] = [];
afterEach(() => {
  while (sockets.length > 0) sockets.pop()!.close();
});

async function bound(): Promise<dgram.Socket> {
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  return s;
}

function answerTo(query: Buffer): Buffer {
  const q = dnsPacket.decode(query);
  return dnsPacket.encode({
    type: 'response', id: q.id, flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE, questions: q.questions,
    answers: [{ type: 'A', name: q.questions![0]!.name, ttl: 60, data: '192.0.2.1' }],
  });
}

const encode = (id: number) => dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name: 'spoof.test', class: 'IN' }] });
const check = (p: dnsPacket.Packet) => p.questions?.[0]?.name === 'spoof.test';

describe('UdpPool', () => {
  it('accepts the answer of the server asked', async () => {
    const server = await bound();
    server.on('message', (msg, from) => server.send(answerTo(msg), from.port, from.address));
    const p = await new UdpPool().exchange('udp4', '127.0.0.1', (server.address() as AddressInfo).port, encode, check, 2000);
    expect(p.answers?.[0]).toMatchObject({ type: 'A', data: '192.0.2.1' });
  });

  it('ignores a matching answer sent from another port', async () => {
    const server = await bound();
    const spoofer = await bound();
    // The "server" never answers itself; another socket answers with the right ID and question.
    server.on('message', (msg, from) => spoofer.send(answerTo(msg), from.port, from.address));
    const asked = new UdpPool().exchange('udp4', '127.0.0.1', (server.address() as AddressInfo).port, encode, check, 400);
    await expect(asked).rejects.toBeInstanceOf(UdpTimeout);
  });
});

/** Linux caps receive buffers at net.core.rmem_max: below 4 MiB the pool cannot hold the burst this test makes. */
function bufferCapBytes(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
  } catch {
    return 0;
  }
}

describe.skipIf(bufferCapBytes() < 4 << 20)('UdpPool under a burst of answers', () => {
  it('receives thousands of answers that arrive together while the event loop is busy', async () => {
    // The server is another process: it collects the questions, then answers them all at once (the first wave
    // of a large run), while this process is busy. A default-sized receive buffer drops most of them.
    const { spawn } = await import('node:child_process');
    const server = spawn(process.execPath, ['-e', `
      const dgram = require('node:dgram');
      const s = dgram.createSocket('udp4');
      const held = [];
      s.on('message', (msg, from) => {
        held.push([msg, from]);
        if (held.length === 1) setTimeout(() => {
          for (const [m, f] of held) { m[2] |= 0x80; s.send(m, f.port, f.address); }
        }, 300);
      });
      s.bind(0, '127.0.0.1', () => {
        s.setRecvBufferSize(4 << 20);
        process.stdout.write(String(s.address().port) + '\\n');
      });
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = Number(await new Promise<string>((resolve) => server.stdout!.once('data', (d) => resolve(String(d)))));
      const pool = new UdpPool();
      const n = 3000;
      const asked = Array.from({ length: n }, (_, i) => pool.exchange('udp4', '127.0.0.1', port, (id) => dnsPacket.encode({
        type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name: `burst${i}.test`, class: 'IN' }],
      }), (p) => p.questions?.[0]?.name === `burst${i}.test`, 4000).then(() => true, () => false));
      // Busy from before the answers arrive until well after: they wait in the kernel's receive buffers.
      await new Promise((r) => setTimeout(r, 150));
      const until = Date.now() + 700;
      while (Date.now() < until) { /* the event loop is blocked, as by a long synchronous save */ }
      const answered = (await Promise.all(asked)).filter(Boolean).length;
      expect(answered).toBe(n);
    } finally {
      server.kill();
    }
  }, 20_000);
});
