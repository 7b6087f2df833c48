/** The files of an evidence bundle, by role. Shared by the writer (../bundle.ts) and the verifier (verify.ts). */
export const BUNDLE_FILES = {
  pdf: 'evidence-pack.pdf',
  workbook: 'workbook.xlsx',
  evidence: 'evidence.json',
  schema: 'schema/evidence.schema.json',
  importReport: 'import-report.json',
  settings: 'settings.json',
  tool: 'tool.json',
  extraCa: 'extra-ca.pem',
  readme: 'README.txt',
  signing: 'signing.json',
  publicKey: 'signer-public-key.pem',
  manifest: 'manifest.sha256',
  signature: 'manifest.sig',
} as const;

/** The one folder the input file goes in, under its own (sanitised) name. */
export const INPUT_DIR = 'input/';

/**
 * The input file's name inside the bundle: letters, digits, dot, dash and underscore only, no leading dot, at
 * most 100 characters. Whatever the client called the file, the entry name stays safe to unzip anywhere.
 */
export function inputEntryName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const safe = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(-100);
  return `${INPUT_DIR}${safe || 'domains'}`;
}

/** What signing.json holds: covered by the manifest, so the signature covers who and when. */
export interface SigningRecord {
  algorithm: 'Ed25519';
  /** Grouped hex SHA-256 of the raw public key (signing-key.ts). */
  fingerprint: string;
  /** ISO 8601 UTC, to the second. */
  signedAt: string;
  publicKeyFile: string;
}
