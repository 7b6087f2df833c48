/**
 * The channels that need the desktop: native open/save dialogs and revealing a file. A path the user picks is
 * granted (granted-paths.ts) before it is returned, so the import and export handlers accept it. In the app
 * these run in the main process (electron/backend/main-router.ts), which passes each grant on to the backend.
 */
import type { Dialogs } from './context';
import type { GrantedPaths } from './granted-paths';
import type { Implementations } from './context';
import { HandlerError } from './errors';

export type ShellChannels = 'dialog:openFile' | 'dialog:openBundle' | 'dialog:openReports' | 'dialog:saveFile' | 'shell:showItem';
export const SHELL_CHANNELS: readonly ShellChannels[] = ['dialog:openFile', 'dialog:openBundle', 'dialog:openReports', 'dialog:saveFile', 'shell:showItem'];

export interface ShellDeps {
  dialogs: Dialogs;
  /** Reveals a file in the system's file manager. */
  showItem(path: string): void;
  granted: GrantedPaths;
}

export function shellHandlers(deps: ShellDeps): Implementations<ShellChannels> {
  return {
    async 'dialog:openFile'() {
      const file = await deps.dialogs.openFile();
      return file ? { path: deps.granted.grant('read', file) } : null;
    },
    async 'dialog:openBundle'() {
      if (!deps.dialogs.openBundle) throw new HandlerError('INTERNAL', 'opening a bundle is not available in this window');
      const file = await deps.dialogs.openBundle();
      return file ? { path: deps.granted.grant('read', file) } : null;
    },
    /** TLS-RPT report files, or one folder of them (Electron cannot offer both in one dialog on Windows and Linux). */
    async 'dialog:openReports'({ folder }) {
      if (!deps.dialogs.openReports) throw new HandlerError('INTERNAL', 'importing reports is not available in this window');
      const paths = await deps.dialogs.openReports(folder);
      return paths && paths.length > 0 ? { paths: paths.map((p) => deps.granted.grant('read', p)) } : null;
    },
    async 'dialog:saveFile'({ defaultName }) {
      const file = await deps.dialogs.saveFile(defaultName);
      return file ? { path: deps.granted.grant('write', file) } : null;
    },
    'shell:showItem'({ path }) {
      if (!deps.granted.check('show', path)) throw new HandlerError('PATH_NOT_ALLOWED', 'only files opened or saved in this session can be shown');
      deps.showItem(path);
      return null;
    },
  };
}

/** A backend without a desktop (its own process): these channels are the main process's, never its own. */
export function shellElsewhere(): Implementations<ShellChannels> {
  const refuse = (name: ShellChannels) => () => {
    throw new HandlerError('UNKNOWN_CHANNEL', `${name} is answered by the main process, not the backend`);
  };
  return { 'dialog:openFile': refuse('dialog:openFile'), 'dialog:openBundle': refuse('dialog:openBundle'), 'dialog:openReports': refuse('dialog:openReports'), 'dialog:saveFile': refuse('dialog:saveFile'), 'shell:showItem': refuse('shell:showItem') };
}
