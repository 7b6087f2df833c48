/**
 * Pooled UDP DNS: an answer counts only when it comes from the server the question went to (RFC 5452 §9.1),
 * even when it carries the right ID and question.
 */
import dgram from 'node:dgram';
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
