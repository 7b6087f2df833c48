/**
 * "Verify a bundle": the same check as the CLI's `verify` (io/bundle/verify.ts), on a bundle the user chose in
 * the open dialog. A refused ZIP (hostile, damaged, not a bundle) is an answer, not a failure: the report says why.
 */
import { BundleError, verifyBundle } from '../io/bundle/verify';
import type { HandlerContext, Implementations } from './context';
import { HandlerError } from './errors';

export function bundleHandlers(ctx: HandlerContext): Implementations<'bundle:verify'> {
  return {
    async 'bundle:verify'({ path }) {
      if (!ctx.granted.check('read', path)) throw new HandlerError('PATH_NOT_ALLOWED', 'only a bundle chosen in the open dialog can be verified');
      try {
        return await verifyBundle(path);
      } catch (err) {
        if (err instanceof BundleError) return { ok: false, bundle: path.split(/[\\/]/).pop() ?? path, refused: err.message };
        throw err;
      }
    },
  };
}
