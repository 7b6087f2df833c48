/**
 * The auditor's Ed25519 signing key (RFC 8032): created on first use in the app's data folder (mode 0600), or
 * a PEM key the user names. Its fingerprint is the SHA-256 of the raw 32-byte public key (RFC 8032 §5.1.5
 * encoding), shown as grouped upper-case hex, so two people can read it to each other.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SIGNING_KEY_FILE = 'signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, as written into the bundle. */
  publicPem: string;
  /** Grouped hex of SHA-256(raw public key). */
  fingerprint: string;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/** The 32 bytes of an Ed25519 public key (the JWK "x" member is exactly them, base64url). */
export function rawPublicKey(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`the key is ${key.asymmetricKeyType ?? 'not an asymmetric key'}, not Ed25519`);
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
}

/** "AB12 CD34 …": 16 groups of four hex digits. */
export function keyFingerprint(publicKey: KeyObject): string {
  const hex = createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: keyFingerprint(publicKey) };
}

/** A key the user supplies (`--signing-key FILE`): a PKCS#8 PEM Ed25519 private key. */
export function readSigningKey(file: string): SigningKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SigningKeyError(`cannot read the signing key ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(`${file} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${file} holds a ${key.asymmetricKeyType} key; bundles are signed with Ed25519`);
  return fromPrivate(key);
}

/**
 * The data folder's key, created on first use. Written with O_EXCL so two processes starting at once (the app
 * and the CLI) never overwrite each other's key: the loser reads the winner's.
 */
export function dataFolderSigningKey(dataDir: string): SigningKey {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readSigningKey(file);
}
