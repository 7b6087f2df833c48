/** README.txt of a bundle: what each file is and how to check it, with the auditor or with standard tools. */
import type { ReportRun } from '../report/source';
import type { StoredRunInput } from '../../store/run-inputs';
import { BUNDLE_FILES as F } from './names';

export interface ReadmeFacts {
  run: ReportRun;
  fingerprint: string;
  signedAt: string;
  /** The input's entry name, or why there is none. */
  input: { entry: string; record: StoredRunInput } | { missing: string; record?: StoredRunInput };
  extraCa: boolean;
}

export function bundleReadme(f: ReadmeFacts): string {
  const input = 'entry' in f.input
    ? `  ${f.input.entry.padEnd(30)} the input file exactly as imported (${f.input.record.size} bytes, SHA-256 ${f.input.record.sha256})`
    : `  input not kept: ${f.input.missing}`;
  const lines = [
    'MTA-STS Auditor evidence bundle',
    '',
    `Run ${f.run.id} "${f.run.name}"${f.run.client ? ` for ${f.run.client}` : ''}, started ${f.run.createdAt}, finished ${f.run.finishedAt ?? 'not finished'}.`,
    `Signed ${f.signedAt} with the Ed25519 key whose fingerprint is`,
    `  ${f.fingerprint}`,
    'Ask the auditor for this fingerprint by another channel before you rely on the signature.',
    '',
    'Files',
    `  ${F.pdf.padEnd(30)} the report (its cover names the signing key and time)`,
    `  ${F.workbook.padEnd(30)} the same results as a workbook`,
    `  ${F.evidence.padEnd(30)} every result with its raw evidence: what every verdict rests on`,
    `  ${F.schema.padEnd(30)} the JSON Schema of evidence.json ("schemaVersion" inside evidence.json)`,
    input,
    ...(f.input.record ? [`  ${F.importReport.padEnd(30)} how the input was read: column chosen, rows used, rows not used and why`] : []),
    `  ${F.settings.padEnd(30)} the run's settings (resolvers, time-outs, ports, extra CA)`,
    `  ${F.tool.padEnd(30)} the tool: version, commit, Node and OpenSSL versions, trust-store fingerprint`,
    ...(f.extraCa ? [`  ${F.extraCa.padEnd(30)} the extra trust anchor(s) the run used, PEM`] : []),
    `  ${F.signing.padEnd(30)} who signed (key fingerprint) and when`,
    `  ${F.publicKey.padEnd(30)} the signer's public key, PEM`,
    `  ${F.manifest.padEnd(30)} the SHA-256 of every file above`,
    `  ${F.signature.padEnd(30)} the Ed25519 signature (64 bytes) over ${F.manifest} exactly as it is`,
    '',
    'How to verify',
    '  With the auditor (checks every hash, the signature and the signer, names anything that differs):',
    '    mta-sts-audit verify bundle.zip',
    '  With standard tools, after unzipping:',
    `    sha256sum -c ${F.manifest}`,
    `    openssl pkeyutl -verify -pubin -inkey ${F.publicKey} -rawin -in ${F.manifest} -sigfile ${F.signature}`,
    `    openssl pkey -pubin -in ${F.publicKey} -outform DER | tail -c 32 | sha256sum`,
    '  The last line prints the key fingerprint (without spaces, in lower case).',
    '',
  ];
  return lines.join('\n');
}
