/**
 * The lab's certificate authority: a root (trusted by the auditor through its extra-CA setting), optional
 * intermediates, and leaf certificates with every defect the estate needs (wrong name, expired, CN only,
 * weak key, SHA-1 signature, self-signed, missing intermediate). ECDSA P-256 by default: key generation
 * costs well under a millisecond, so an estate of thousands of hosts starts quickly.
 */
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const DAY = 86_400_000;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export type LabKey = 'ec-p256' | 'rsa-1024' | 'rsa-2048';

export interface IssueOptions {
  dnsNames?: string[];
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Issued by itself rather than by this CA. */
  selfSigned?: boolean;
  /** No subjectAltName extension at all (the name only in the CN). */
  noSan?: boolean;
  key?: LabKey;
  signatureHash?: 'SHA-256' | 'SHA-1';
  /** Leave this CA's own certificate (an intermediate) out of the served chain. */
  omitIssuer?: boolean;
  /** Also serve the root at the end of the chain. */
  includeRoot?: boolean;
  /** caIssuers URL of the Authority Information Access extension. */
  aiaUrl?: string;
}

export interface IssuedCert {
  keyPem: string;
  certPem: string;
  certDer: Buffer;
  /** What the server sends: leaf first, then intermediates (and the root when asked). */
  chainPem: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo (TLSA 3 1 1), lower-case hex. */
  spkiSha256: string;
  /** SHA-256 of the whole DER certificate (TLSA 3 0 1), lower-case hex. */
  certSha256: string;
}

export interface LabCa {
  name: string;
  certPem: string;
  certDer: Buffer;
  /** This CA's chain up to (excluding) the root, PEM, for servers to send after their leaf. */
  chainAbovePem: string;
  issue(opts: IssueOptions): Promise<IssuedCert>;
  /**
   * An intermediate CA signed by this one. With `notCa`, a certificate that is no CA at all (neither
   * basicConstraints nor keyUsage) used as one anyway: RFC 5280 §6.1.4 (k) forbids it as an issuer.
   */
  intermediate(name: string, opts?: { notCa?: boolean }): Promise<LabCa>;
  /**
   * `other`'s CA certificate re-issued by this CA (same subject and key): a cross-sign, as servers still send
   * for old clients (Let's Encrypt's ISRG Root X1 signed by DST Root CA X3). PEM.
   */
  crossSign(other: LabCa, validity: { notBefore: Date; notAfter: Date }): Promise<string>;
}

const sha256 = (b: Buffer | ArrayBuffer) => createHash('sha256').update(Buffer.from(b as ArrayBuffer)).digest('hex');

function algorithm(key: LabKey): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  if (key === 'ec-p256') return EC;
  return { name: 'RSASSA-PKCS1-v1_5', modulusLength: key === 'rsa-1024' ? 1024 : 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
}

async function keyPair(key: LabKey): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm(key), true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function pemKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END PRIVATE KEY-----\n`;
}

/** The signature algorithm a CA key makes, with the hash the issue asks for. */
function signing(caKey: LabKey, hash: 'SHA-256' | 'SHA-1') {
  return caKey === 'ec-p256' ? { name: 'ECDSA', hash } : { name: 'RSASSA-PKCS1-v1_5', hash };
}

const serial = () => `01${webcrypto.getRandomValues(new Uint8Array(8)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '')}`;

function cn(name: string): string {
  // Distinguished-name values with commas or equals signs would need escaping; lab names never have them.
  return `CN=${name}`;
}

async function leafExtensions(opts: IssueOptions, keys: CryptoKeyPair, caKeys: CryptoKeyPair | undefined): Promise<x509.Extension[]> {
  const ext: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (caKeys) ext.push(await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey));
  if (!opts.noSan && opts.dnsNames?.length) ext.push(new x509.SubjectAlternativeNameExtension(opts.dnsNames.map((value) => ({ type: 'dns' as const, value }))));
  if (opts.aiaUrl) ext.push(new x509.AuthorityInfoAccessExtension({ caIssuers: [new x509.GeneralName('url', opts.aiaUrl)] }));
  return ext;
}

async function finish(cert: x509.X509Certificate, keys: CryptoKeyPair, chainPem: string): Promise<IssuedCert> {
  const certDer = Buffer.from(cert.rawData);
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  return { keyPem: await pemKey(keys.privateKey), certPem: cert.toString('pem'), certDer, chainPem, spkiSha256: sha256(spki), certSha256: sha256(certDer) };
}

interface CaState {
  name: string;
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  /** PEM of the certificates between this CA and the root, this CA first (empty for the root). */
  chainAbovePem: string;
  rootPem: string;
}

function labCa(state: CaState): LabCa {
  const certPem = state.cert.toString('pem');
  return {
    name: state.name,
    certPem,
    certDer: Buffer.from(state.cert.rawData),
    chainAbovePem: state.chainAbovePem,
    async issue(opts) {
      const keys = await keyPair(opts.key ?? 'ec-p256');
      const notBefore = opts.notBefore ?? new Date(Date.now() - DAY);
      const notAfter = opts.notAfter ?? new Date(Date.now() + 90 * DAY);
      const subject = cn(opts.commonName ?? opts.dnsNames?.[0] ?? 'lab leaf');
      const hash = opts.signatureHash ?? 'SHA-256';
      if (opts.selfSigned) {
        const cert = await x509.X509CertificateGenerator.createSelfSigned({
          serialNumber: serial(), name: subject, notBefore, notAfter, keys, signingAlgorithm: signing(opts.key ?? 'ec-p256', hash),
          extensions: await leafExtensions(opts, keys, undefined),
        });
        return finish(cert, keys, cert.toString('pem'));
      }
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(), subject, issuer: state.cert.subject, notBefore, notAfter, publicKey: keys.publicKey,
        signingKey: state.keys.privateKey, signingAlgorithm: signing('ec-p256', hash), extensions: await leafExtensions(opts, keys, state.keys),
      });
      const chain = [cert.toString('pem'), ...(opts.omitIssuer ? [] : [state.chainAbovePem]), ...(opts.includeRoot ? [state.rootPem] : [])];
      return finish(cert, keys, chain.filter((p) => p.length > 0).join('\n'));
    },
    async intermediate(name, opts = {}) {
      const keys = await keyPair('ec-p256');
      const caExtensions = opts.notCa ? [] : [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ];
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(), subject: cn(name), issuer: state.cert.subject, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 365 * DAY),
        publicKey: keys.publicKey, signingKey: state.keys.privateKey, signingAlgorithm: signing('ec-p256', 'SHA-256'),
        extensions: [
          ...caExtensions,
          await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
          await x509.AuthorityKeyIdentifierExtension.create(state.keys.publicKey),
        ],
      });
      const above = [cert.toString('pem'), state.chainAbovePem].filter((p) => p.length > 0).join('\n');
      return labCa({ name, cert, keys, chainAbovePem: above, rootPem: state.rootPem });
    },
    async crossSign(other, validity) {
      const theirs = new x509.X509Certificate(other.certDer);
      const publicKey = await theirs.publicKey.export(EC, ['verify'], webcrypto as unknown as Parameters<typeof theirs.publicKey.export>[2]);
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(), subject: theirs.subject, issuer: state.cert.subject, ...validity, publicKey,
        signingKey: state.keys.privateKey, signingAlgorithm: signing('ec-p256', 'SHA-256'),
        extensions: [
          new x509.BasicConstraintsExtension(true, 2, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(publicKey),
          await x509.AuthorityKeyIdentifierExtension.create(state.keys.publicKey),
        ],
      });
      return cert.toString('pem');
    },
  };
}

/** A new root CA, valid for ten years from yesterday unless `validity` says otherwise. */
export async function createCa(name: string, validity?: { notBefore: Date; notAfter: Date }): Promise<LabCa> {
  const keys = await keyPair('ec-p256');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(), name: cn(name), notBefore: validity?.notBefore ?? new Date(Date.now() - DAY), notAfter: validity?.notAfter ?? new Date(Date.now() + 3650 * DAY), keys,
    signingAlgorithm: signing('ec-p256', 'SHA-256'),
    extensions: [
      new x509.BasicConstraintsExtension(true, 2, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return labCa({ name, cert, keys, chainAbovePem: '', rootPem: cert.toString('pem') });
}
