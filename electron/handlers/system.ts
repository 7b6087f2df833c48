/** The app's preferences. (Dialogs and revealing a file: shell.ts.) */
import type { HandlerContext, Implementations } from './context';

type SystemChannels = 'settings:get' | 'settings:set';

export function systemHandlers(ctx: HandlerContext): Implementations<SystemChannels> {
  return {
    'settings:get': () => ctx.settingsStore.get(),
    'settings:set': (patch) => ctx.settingsStore.set(patch),
  };
}
