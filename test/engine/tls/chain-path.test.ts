/**
 * Only the certificates on the path to the trust anchor have dates that matter (RFC 5280 §6.1.3): a server
 * that still sends an expired cross-sign of its root after a valid chain is fine for every client.
 */
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type LabCa } from '../../../electron/lab/ca';
import { createTrustStore, handshake, type TrustStore } from '../../../electron/engine/tls/handshake';
import { chainOutsideValidity } from '../../../electron/engine/tls/certificate';
import { judgeCertificate } from '../../../electron/engine/net/policy-fetch';
import type { TlsSessionEvidence } from '../../../shared/types';
import { anchoredPathLength, brokenLink, issuedBy, issuedByAnchor, signedBy } from '../../../electron/engine/tls/chain';

const pems = (chainPem: string) => chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;

const DAY = 86_400_000;
const servers: tls.Server[] = [];
let root: LabCa;
let issuing: LabCa;
let expiredCrossSign: string;
let trust: TrustStore;

beforeAll(async () => {
  root = await createCa('Path Root');
  const old = await createCa('Retired Root');
  issuing = await root.intermediate('Path Issuing');
  expiredCrossSign = await old.crossSign(root, { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 30 * DAY) });
  trust = createTrustStore(root.certPem);
});

afterAll(() => {
  for (const s of servers) s.close();
});

async function presented(chainPem: string, keyPem: string, store = trust): Promise<TlsSessionEvidence> {
  const server = tls.createServer({ key: keyPem, cert: chainPem }, (s) => s.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const hs = await handshake({ host: '127.0.0.1', port, servername: 'mx.path.test', reference: 'mx.path.test', trust: store, now: new Date(), timeoutMs: 5000 });
  if (!hs.ok) throw new Error(`handshake failed: ${hs.message}`);
  // The handshake's stand-in for the legacy certificate getter is gone once it is done.
  expect(Object.hasOwn(hs.socket, 'getPeerCertificate')).toBe(false);
  hs.socket.destroy();
  return hs.evidence;
}

describe('dates on the anchored path only', () => {
  it('ignores an expired cross-sign sent after a valid chain', async () => {
    const leaf = await issuing.issue({ dnsNames: ['mx.path.test'] });
    const t = await presented(`${leaf.chainPem}\n${expiredCrossSign}`, leaf.keyPem);
    expect(t.chain.map((c) => c.subject)).toEqual(['CN=mx.path.test', 'CN=Path Issuing', 'CN=Path Root']);
    expect(t.chainTrusted).toBe(true);
    expect(t.pathLength).toBe(2);
    expect(chainOutsideValidity(t, new Date())).toBeUndefined();
    expect(judgeCertificate(t, new Date())).toBeUndefined();
  });

  it('still reports an expired leaf when the chain also carries a cross-sign', async () => {
    const leaf = await issuing.issue({ dnsNames: ['mx.path.test'], notBefore: new Date(Date.now() - 100 * DAY), notAfter: new Date(Date.now() - DAY) });
    const t = await presented(`${leaf.chainPem}\n${expiredCrossSign}`, leaf.keyPem);
    expect(t.chainTrusted).toBe(true);
    expect(chainOutsideValidity(t, new Date())?.subject).toBe('CN=mx.path.test');
    expect(judgeCertificate(t, new Date())?.outcome).toBe('cert-expired');
  });

  it('counts the whole chain when nothing is spare', async () => {
    const leaf = await issuing.issue({ dnsNames: ['mx.path.test'] });
    const t = await presented(leaf.chainPem, leaf.keyPem);
    expect(t.chainTrusted).toBe(true);
    expect(t.pathLength).toBeUndefined();
  });

  it('does not trust a chain whose anchor has expired, even when everything sent is current', async () => {
    const oldRoot = await createCa('Expired Root', { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    const leaf = await (await oldRoot.intermediate('Under Expired Root')).issue({ dnsNames: ['mx.path.test'] });
    const t = await presented(leaf.chainPem, leaf.keyPem, createTrustStore(oldRoot.certPem));
    expect(t.chainError).toBe('CERT_HAS_EXPIRED');
    expect(t.chainTrusted).toBe(false);
    expect(judgeCertificate(t, new Date())?.outcome).toBe('cert-untrusted');
  });

  it('does not trust an expired anchor the server sends itself either', async () => {
    const oldRoot = await createCa('Expired Sent Root', { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    const leaf = await (await oldRoot.intermediate('Under Expired Sent Root')).issue({ dnsNames: ['mx.path.test'], includeRoot: true });
    const t = await presented(leaf.chainPem, leaf.keyPem, createTrustStore(oldRoot.certPem));
    expect(t.chainTrusted).toBe(false);
    expect(judgeCertificate(t, new Date())?.outcome).toBe('cert-untrusted');
  });

  it('does not trust a chain that only reaches an unknown root', async () => {
    const stranger = await (await createCa('Stranger Root')).intermediate('Stranger Issuing');
    const leaf = await stranger.issue({ dnsNames: ['mx.path.test'], includeRoot: true });
    const t = await presented(leaf.chainPem, leaf.keyPem);
    expect(t.chainTrusted).toBe(false);
    expect(t.pathLength).toBeUndefined();
    expect(judgeCertificate(t, new Date())?.outcome).toBe('cert-untrusted');
  });

  // RFC 5280 §6.1.4 (k). OpenSSL reports only its last error: with an expired leaf that is the date, not the
  // issuer that is no CA, so the path check behind a date error must look at basicConstraints itself.
  it('does not trust a chain whose intermediate is not a CA, when the last OpenSSL error is a date', async () => {
    const notCa = await root.intermediate('Path Not A CA', { notCa: true });
    const leaf = await notCa.issue({ dnsNames: ['mx.path.test'], notBefore: new Date(Date.now() - 100 * DAY), notAfter: new Date(Date.now() - DAY) });
    const t = await presented(leaf.chainPem, leaf.keyPem);
    expect(t.chain.map((c) => [c.subject, c.isCA])).toEqual([['CN=mx.path.test', false], ['CN=Path Not A CA', false]]);
    expect(t.chainError).toBe('CERT_HAS_EXPIRED');
    expect(t.chainTrusted).toBe(false);
    expect(t.pathLength).toBeUndefined();
    expect(judgeCertificate(t, new Date())?.outcome).toBe('cert-untrusted');
  });

  it('leaves a current chain with a non-CA intermediate to OpenSSL, which refuses it', async () => {
    const notCa = await root.intermediate('Path Not A CA either', { notCa: true });
    const leaf = await notCa.issue({ dnsNames: ['mx.path.test'] });
    const t = await presented(leaf.chainPem, leaf.keyPem);
    expect(t.chainError).toMatch(/^INVALID_(CA|PURPOSE)$/);
    expect(t.chainTrusted).toBe(false);
  });
});

describe('one link test for every path check', () => {
  it('issuedBy wants the parent to be a CA; signedBy and anchors do not', async () => {
    const notCa = await root.intermediate('Link Not A CA', { notCa: true });
    const leaf = await notCa.issue({ dnsNames: ['mx.path.test'] });
    const [leafX, parentX] = pems(leaf.chainPem).map((p) => new X509Certificate(p));
    expect(signedBy(leafX!, parentX!)).toBe(true);
    expect(issuedBy(leafX!, parentX!)).toBe(false);
    expect(brokenLink([leafX!, parentX!], 1)).toBe(0);
    // The non-CA itself is signed by the trusted root: an anchor needs no basicConstraints check.
    expect(issuedByAnchor(parentX!, trust, new Date())).toBe(true);
    expect(anchoredPathLength([leafX!, parentX!], trust, new Date())).toBe(0);
    const good = await issuing.issue({ dnsNames: ['mx.path.test'] });
    const [goodLeaf, goodParent] = pems(good.chainPem).map((p) => new X509Certificate(p));
    expect(issuedBy(goodLeaf!, goodParent!)).toBe(true);
    expect(brokenLink([goodLeaf!, goodParent!], 1)).toBeUndefined();
    expect(anchoredPathLength([goodLeaf!, goodParent!], trust, new Date())).toBe(2);
  });
});
