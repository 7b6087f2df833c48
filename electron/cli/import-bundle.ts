/**
 * `import-bundle <bundle.zip> [--db F] [--json]`: offline review. Verifies the bundle and opens it into a new
 * read-only run of the database (io/bundle/import-bundle.ts), which `runs`, `compare` and `export` then treat
 * like any run. Exit 0 when the run was made; 1 when the bundle was refused (nothing is stored then).
 */
import { BundleRefusedError, importBundle } from '../io/bundle/import-bundle';
import { BundleError } from '../io/bundle/verify';
import { parse, UsageError } from './args';
import { openStore } from './batch';
import { jsonLine, safeText } from './format';
import { formatVerifyReport } from './verify';

export async function runImportBundle(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('import-bundle needs exactly one bundle (.zip)');
  const file = positionals[0]!;
  const db = openStore(values.db);
  try {
    const { run, report } = await importBundle(db, file);
    if (values.json) out.write(jsonLine({ ok: true, run, verify: report }));
    else {
      const i = run.imported!;
      out.write(`${formatVerifyReport(report)}imported as run ${run.id} "${safeText(run.name)}"${run.client ? ` (${safeText(run.client)})` : ''}: ${run.done} domain(s), read-only\n`);
      out.write(`  from ${safeText(i.bundle)}, signed by key ${i.signerFingerprint}${i.signedAt ? ` at ${safeText(i.signedAt)}` : ''}${i.originalId !== null ? `; run ${i.originalId} in the auditor's database` : ''}\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof BundleError) && !(err instanceof BundleRefusedError)) throw err;
    const report = err instanceof BundleRefusedError ? err.report : undefined;
    if (values.json) out.write(jsonLine({ ok: false, bundle: file, refused: err.message, ...(report && { verify: report }) }));
    else out.write(`${report ? formatVerifyReport(report) : ''}not imported: ${safeText(err.message)}\n`);
    return 1;
  } finally {
    db.close();
  }
}
