/**
 * Which build judged the evidence, and against which trust anchors: the release, the commit it was built from,
 * the Node and OpenSSL versions, and a fingerprint of the trust store (Node's bundled roots plus the run's extra
 * CA). Two bundles with the same trust-store fingerprint had the same anchors, so a certificate verdict that
 * differs between them is not down to the roots.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { TOOL_NAME, TOOL_VERSION } from '../../engine/context';

/** Set by the Electron build (build/vite.electron.config.ts); absent when run from source (the CLI, tests). */
declare const __MTA_STS_COMMIT__: string | undefined;

export interface ToolIdentity {
  name: string;
  version: string;
  /** The git commit built, or 'unknown'. */
  commit: string;
  node: string;
  openssl: string;
  trustStore: {
    /** SHA-256 over the sorted SHA-256 fingerprints of every anchor, one per line (see trustStoreFingerprint). */
    sha256: string;
    systemRoots: number;
    extraCa: number;
  };
}

let sourceCommit: string | undefined;

/** Run from source: the checkout's HEAD, asked once; 'unknown' when git or the checkout is not there. */
function commitFromSource(): string {
  if (sourceCommit !== undefined) return sourceCommit;
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    sourceCommit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim() || 'unknown';
  } catch {
    sourceCommit = 'unknown';
  }
  return sourceCommit;
}

export function toolCommit(): string {
  return typeof __MTA_STS_COMMIT__ === 'string' ? __MTA_STS_COMMIT__ : commitFromSource();
}

/** The PEM blocks of a bundle of certificates. */
export function pemBlocks(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * Order-independent and reproducible with openssl alone: the SHA-256 (uppercase hex, colon-separated, as
 * `openssl x509 -fingerprint -sha256` prints it) of each anchor's DER, sorted, joined with "\n", hashed.
 * An anchor that does not parse is hashed over its PEM text instead, so it still counts.
 */
export function trustStoreFingerprint(anchors: readonly string[]): string {
  const prints = anchors.map((pem) => {
    try {
      return new X509Certificate(pem).fingerprint256;
    } catch {
      return `unparsed:${createHash('sha256').update(pem).digest('hex')}`;
    }
  });
  return createHash('sha256').update([...new Set(prints)].sort().join('\n')).digest('hex');
}

export function toolIdentity(extraCaPem: string | undefined): ToolIdentity {
  const extra = extraCaPem ? pemBlocks(extraCaPem) : [];
  return {
    name: TOOL_NAME,
    version: TOOL_VERSION,
    commit: toolCommit(),
    node: process.versions.node,
    openssl: process.versions.openssl ?? 'unknown',
    trustStore: { sha256: trustStoreFingerprint([...tls.rootCertificates, ...extra]), systemRoots: tls.rootCertificates.length, extraCa: extra.length },
  };
}
