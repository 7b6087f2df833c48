/**
 * `verify <bundle.zip> [--json] [--signer FINGERPRINT]`: checks an evidence bundle (io/bundle/verify.ts) and
 * says what holds and what does not. Exit 0 only when everything holds; 1 otherwise, a refused ZIP included.
 */
import { BundleError, verifyBundle, type Rejudge, type VerifyReport } from '../io/bundle/verify';
import { describeDifference } from '../../shared/bundle-verify';
import { parse, UsageError } from './args';
import { jsonLine, safeText } from './format';

const STATUS_WORD = { ok: 'ok', modified: 'MODIFIED', missing: 'MISSING', extra: 'EXTRA' } as const;

export function formatVerifyReport(r: VerifyReport): string {
  const out: string[] = [`bundle: ${safeText(r.bundle)}`];
  const signer = r.signer ? `key ${r.signer.fingerprint}${r.signer.signedAt ? `, signed ${safeText(r.signer.signedAt)}` : ', signing time unknown'}` : 'no key';
  out.push(`signature: ${r.signature} (${signer})`);
  if (r.tool) out.push(`tool: mta-sts-auditor ${safeText(r.tool.version ?? '?')}, commit ${safeText(r.tool.commit ?? '?')}`);
  const ok = r.files.filter((f) => f.status === 'ok').length;
  out.push(`files: ${ok} of ${r.files.filter((f) => f.status !== 'extra').length} listed in the manifest match`);
  for (const f of r.files) if (f.status !== 'ok') out.push(`  ${STATUS_WORD[f.status].padEnd(8)} ${safeText(f.name)}`);
  if (r.evidence) out.push(`evidence: schema version ${r.evidence.schemaVersion}, ${r.evidence.domains} domain(s)`);
  if (!r.rejudged) out.push('verdicts: not judged again (--no-rejudge): integrity and signature only');
  else {
    out.push(`verdicts: ${r.rejudged.domains} domain(s) re-judged from their evidence, ${new Set(r.rejudged.differences.map((d) => d.domain)).size} differ`);
    for (const d of r.rejudged.differences) out.push(`  ${safeText(d.domain)}: ${safeText(describeDifference(d))}`);
  }
  out.push(r.ok ? 'result: VERIFIED' : `result: NOT VERIFIED (${r.problems.length} problem(s))`);
  for (const p of r.problems) out.push(`  - ${safeText(p)}`);
  return `${out.join('\n')}\n`;
}

/** `rejudge` replaces the engine's own judging (tests); `--no-rejudge` checks integrity and signature only. */
export function verifyCommand(rejudge?: Rejudge) {
  return async (args: string[], out: NodeJS.WritableStream): Promise<number> => {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, signer: { type: 'string' }, 'no-rejudge': { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('verify needs exactly one bundle (.zip)');
    let report: VerifyReport;
    try {
      report = await verifyBundle(positionals[0]!, { rejudge: values['no-rejudge'] ? false : rejudge, expectedSigner: values.signer });
    } catch (err) {
      if (!(err instanceof BundleError)) throw err;
      out.write(values.json ? jsonLine({ ok: false, bundle: positionals[0], refused: err.message }) : `result: NOT VERIFIED\n  - ${safeText(err.message)}\n`);
      return 1;
    }
    out.write(values.json ? jsonLine(report) : formatVerifyReport(report));
    return report.ok ? 0 : 1;
  };
}
