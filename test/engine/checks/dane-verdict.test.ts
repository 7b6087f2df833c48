/**
 * judgeDaneHost on real certificates from the lab CA: what a DANE-validating sender (RFC 7672) concludes from
 * a secure TLSA RRset and the chain an MX presented.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, type LabCa } from '../../../electron/lab/ca';
import { judgeDaneHost, type DaneContext, type TlsaLookup } from '../../../electron/engine/checks/dane';
import { CertificateSummaries } from '../../../electron/engine/tls/certificate';
import type { MxHostResult, SmtpProbe, SmtpProbeOutcome } from '../../../shared/types';

const HOST = 'mx.dane-unit.test';
const summaries = new CertificateSummaries();
let root: LabCa;
let issuing: LabCa;
let stranger: LabCa;

beforeAll(async () => {
  root = await createCa('Dane Unit Root');
  issuing = await root.intermediate('Dane Unit Issuing');
  stranger = await createCa('Dane Unit Stranger');
});

const sha256 = (der: Buffer) => createHash('sha256').update(der).digest('hex');
const pems = (chainPem: string) => chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;

function probe(address: string, outcome: SmtpProbeOutcome, chainPem?: string[]): SmtpProbe {
  const now = new Date();
  const chain = (chainPem ?? []).map((p) => summaries.of(new X509Certificate(p), now));
  return {
    host: HOST, address, port: 25, outcome, elapsedMs: 1, startedAt: now.toISOString(),
    ...(outcome === 'ok' ? { tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', chain, chainTrusted: true, nameValid: true, referenceName: HOST } } : {}),
    ...(outcome.startsWith('connect') ? { error: 'ECONNREFUSED' } : {}),
  };
}

function verdict(probes: SmtpProbe[], record: { usage: number; selector: number; matchingType: number; data: string }) {
  const host: MxHostResult = { host: HOST, preference: 10, addresses: probes.map((p) => p.address), probes };
  const lookup: TlsaLookup = {
    answers: [],
    evidence: { owner: `_25._tcp.${HOST}`, base: HOST, outcome: 'ok', authenticated: true, records: [{ ...record, usable: true, matched: false }] },
  };
  const ctx: DaneContext = { domain: 'dane-unit.test', mxSecure: true, addressSecure: true, probed: true, knownAnchors: () => [], now: new Date() };
  const r = judgeDaneHost(host, lookup, ctx);
  return { pass: r.pass, codes: r.findings.map((f) => f.code) };
}

describe('DANE-TA', () => {
  it('passes a chain that links up to the trust anchor the record names', async () => {
    const leaf = await issuing.issue({ dnsNames: [HOST], includeRoot: true });
    const r = verdict([probe('192.0.2.1', 'ok', pems(leaf.chainPem))], { usage: 2, selector: 0, matchingType: 1, data: sha256(root.certDer) });
    expect(r.pass).toBe(true);
    expect(r.codes).toContain('DANE_TLSA_MATCH');
  });

  it('checks the last link too: the certificate below the anchor must be signed by it', async () => {
    // The record names a CA the server does send, but the intermediate below it was issued by another root.
    const leaf = await issuing.issue({ dnsNames: [HOST] });
    const chain = [...pems(leaf.chainPem), stranger.certPem];
    const r = verdict([probe('192.0.2.1', 'ok', chain)], { usage: 2, selector: 0, matchingType: 1, data: sha256(stranger.certDer) });
    expect(r.pass).toBe(false);
    expect(r.codes).toContain('DANE_TLSA_NO_MATCH');
  });

  it('refuses an intermediate that is not a CA, as PKIX path building does (RFC 5280 §6.1.4 (k))', async () => {
    const notCa = await root.intermediate('Dane Unit Not A CA', { notCa: true });
    const leaf = await notCa.issue({ dnsNames: [HOST], includeRoot: true });
    const host: MxHostResult = { host: HOST, preference: 10, addresses: ['192.0.2.1'], probes: [probe('192.0.2.1', 'ok', pems(leaf.chainPem))] };
    const lookup: TlsaLookup = {
      answers: [],
      evidence: { owner: `_25._tcp.${HOST}`, base: HOST, outcome: 'ok', authenticated: true, records: [{ usage: 2, selector: 0, matchingType: 1, data: sha256(root.certDer), usable: true, matched: false }] },
    };
    const r = judgeDaneHost(host, lookup, { domain: 'dane-unit.test', mxSecure: true, addressSecure: true, probed: true, knownAnchors: () => [], now: new Date() });
    expect(r.pass).toBe(false);
    const noMatch = r.findings.find((f) => f.code === 'DANE_TLSA_NO_MATCH');
    expect(noMatch?.message).toMatch(/certificate 0 of the chain is not issued by certificate 1, which is not a CA/);
  });
});

describe('addresses that never reached STARTTLS', () => {
  it('leave DANE unjudged instead of calling STARTTLS missing', async () => {
    const r = verdict([probe('192.0.2.1', 'connect-failed'), probe('192.0.2.2', 'connect-timeout')], { usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) });
    expect(r.pass).toBeUndefined();
    expect(r.codes).not.toContain('DANE_STARTTLS_MISSING');
  });

  it('judge DANE on the addresses that did answer', async () => {
    const leaf = await issuing.issue({ dnsNames: [HOST] });
    const r = verdict([probe('192.0.2.1', 'connect-failed'), probe('192.0.2.2', 'ok', pems(leaf.chainPem))], { usage: 3, selector: 0, matchingType: 1, data: leaf.certSha256 });
    expect(r.pass).toBe(true);
    expect(r.codes).not.toContain('DANE_STARTTLS_MISSING');
  });

  it('still fail a server that does not offer STARTTLS', () => {
    const r = verdict([probe('192.0.2.1', 'no-starttls')], { usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) });
    expect(r.pass).toBe(false);
    expect(r.codes).toContain('DANE_STARTTLS_MISSING');
  });
});
