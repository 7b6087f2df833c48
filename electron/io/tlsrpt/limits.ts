/**
 * Size bounds for imported TLS-RPT reports (RFC 8460 §4). Real reports are a few KB (one per sender and
 * day); these bounds are two to three orders of magnitude above the largest seen in practice, and low enough
 * that a hostile file cannot exhaust memory.
 */
export const TLSRPT_LIMITS = {
  /** Any one file read from disk (a .json, .json.gz, .eml or a whole mbox). */
  fileBytes: 64 * 1024 * 1024,
  /** One report as JSON, after inflating: a gzip bomb stops here with a clear error. */
  reportJsonBytes: 8 * 1024 * 1024,
  /** One gzip member as stored (compressed). */
  compressedBytes: 4 * 1024 * 1024,
  policies: 1_000,
  failureDetailsPerPolicy: 10_000,
  policyStrings: 1_000,
  mxHosts: 200,
  /** Any string field (policy-string lines included). */
  stringChars: 1_024,
  /** MIME: how deep multipart/* may nest, and how many parts one message may have in all. */
  mimeDepth: 8,
  mimeParts: 500,
  /** Messages in one mbox, and files found under one folder. */
  mboxMessages: 100_000,
  folderFiles: 200_000,
  folderDepth: 16,
} as const;
