/**
 * What `verify` says about an evidence bundle (electron/io/bundle/verify.ts), shared so the app's "Verify a
 * bundle" (`bundle:verify`) and the CLI's `--json` give the same report.
 */

/** One domain's verdict as judged again from its recorded evidence differs from the one recorded. */
export interface DomainDifference {
  /** The domain, or the input as imported when it was not a host name. */
  domain: string;
  /** 'evidence': the result could not be judged again from what it recorded (`recomputed` says why). */
  field: 'posture' | 'outcome' | 'codes' | 'evidence';
  recorded: string;
  recomputed: string;
  /** For 'codes': codes the evidence yields that the record lacks. */
  added?: string[];
  /** For 'codes': codes the record has that the evidence does not yield. */
  missing?: string[];
}

export type FileStatus = 'ok' | 'modified' | 'missing' | 'extra';

export interface FileCheck {
  name: string;
  status: FileStatus;
  /** The SHA-256 of the entry as read, when it was (ok or modified). */
  sha256?: string;
}

export interface VerifyReport {
  ok: boolean;
  bundle: string;
  signature: 'valid' | 'invalid' | 'missing';
  /** From the bundle's public key; undefined when there is none that parses. */
  signer?: { fingerprint: string; signedAt?: string };
  tool?: { version?: string; commit?: string };
  files: FileCheck[];
  evidence?: { schemaVersion: number; domains: number };
  /** Undefined when no re-judging step was supplied. */
  rejudged?: { domains: number; differences: DomainDifference[] };
  /** Every reason `ok` is false, in words. */
  problems: string[];
}

/** A ZIP refused before anything in it was checked (hostile, damaged, not a bundle). */
export interface RefusedBundle {
  ok: false;
  bundle: string;
  refused: string;
}

export type VerifyOutcome = VerifyReport | RefusedBundle;

/** One difference in words, the same in the CLI's `verify` and the app's "Verify a bundle". */
export function describeDifference(d: DomainDifference): string {
  if (d.field === 'evidence') return `cannot be judged again: ${d.recomputed}`;
  if (d.field !== 'codes') return `${d.field} recorded ${d.recorded}, judged again ${d.recomputed}`;
  const parts = [d.added?.length ? `evidence yields ${d.added.join(', ')}` : '', d.missing?.length ? `recorded but not yielded ${d.missing.join(', ')}` : ''];
  return `finding codes differ: ${parts.filter(Boolean).join('; ')}`;
}
