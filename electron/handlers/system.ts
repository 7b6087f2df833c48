/** Native dialogs, revealing a file, and the app's preferences. */
import type { HandlerContext, Implementations } from './context';
import { HandlerError } from './errors';

type SystemChannels = 'dialog:openFile' | 'dialog:saveFile' | 'shell:showItem' | 'settings:get' | 'settings:set';

export function systemHandlers(ctx: HandlerContext): Implementations<SystemChannels> {
  return {
    async 'dialog:openFile'() {
      const file = await ctx.dialogs.openFile();
      return file ? { path: ctx.granted.grant('read', file) } : null;
    },
    async 'dialog:saveFile'({ defaultName }) {
      const file = await ctx.dialogs.saveFile(defaultName);
      return file ? { path: ctx.granted.grant('write', file) } : null;
    },
    'shell:showItem'({ path }) {
      if (!ctx.granted.check('show', path)) throw new HandlerError('PATH_NOT_ALLOWED', 'only files opened or saved in this session can be shown');
      ctx.showItem(path);
      return null;
    },
    'settings:get': () => ctx.settingsStore.get(),
    'settings:set': (patch) => ctx.settingsStore.set(patch),
  };
}
