/**
 * "Verify a bundle": the same check as the CLI's `verify` (io/bundle/verify.ts), on a bundle the user chose in
 * the open dialog. A refused ZIP (hostile, damaged, not a bundle) is an answer, not a failure: the report says why.
 * "Open a bundle" (`bundle:open`): the same as the CLI's `import-bundle` (io/bundle/import-bundle.ts), into a
 * new read-only run; a bundle that does not verify is refused the same way, and nothing is stored.
 */
import { BundleRefusedError, importBundle } from '../io/bundle/import-bundle';
import { BundleError, verifyBundle } from '../io/bundle/verify';
import type { HandlerContext, Implementations } from './context';
import { HandlerError } from './errors';
import { runSummary } from './views';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function bundleHandlers(ctx: HandlerContext): Implementations<'bundle:verify' | 'bundle:open'> {
  return {
    async 'bundle:verify'({ path }) {
      if (!ctx.granted.check('read', path)) throw new HandlerError('PATH_NOT_ALLOWED', 'only a bundle chosen in the open dialog can be verified');
      try {
        return await verifyBundle(path);
      } catch (err) {
        if (err instanceof BundleError) return { ok: false, bundle: fileName(path), refused: err.message };
        throw err;
      }
    },
    async 'bundle:open'({ path }) {
      if (!ctx.granted.check('read', path)) throw new HandlerError('PATH_NOT_ALLOWED', 'only a bundle chosen in the open dialog can be opened');
      try {
        const { run, report } = await importBundle(ctx.db, path);
        return { ok: true, run: runSummary(run, false), report };
      } catch (err) {
        if (err instanceof BundleError) return { ok: false, bundle: fileName(path), refused: err.message };
        if (err instanceof BundleRefusedError) return { ok: false, bundle: fileName(path), refused: err.message, ...(err.report && { report: err.report }) };
        throw err;
      }
    },
  };
}
