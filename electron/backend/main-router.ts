/**
 * What the main process answers for the window: the dialogs and revealing a file itself (they need the
 * desktop), everything else forwarded to the backend process. Main keeps the granted paths: a path the user
 * picks is granted here and passed on to the backend before the reply (the channel is ordered, so the backend
 * knows it before any request that uses it). No Electron import: the app passes its dialogs in, and tests
 * drive it in Node against a real child.
 */
import { isRequestName, REQUEST_NAMES, type Reply, type RequestName } from '../../shared/ipc';
import type { Backend, HandlerMap } from '../handlers';
import type { Dialogs } from '../handlers/context';
import { createGrantedPaths } from '../handlers/granted-paths';
import { SHELL_CHANNELS, shellHandlers, type ShellChannels } from '../handlers/shell';
import { validated, type Handler } from '../handlers/validated';
import type { BackendClient } from './client';

export interface MainRouterDeps {
  client: BackendClient;
  dialogs: Dialogs;
  showItem(path: string): void;
  /** How long closing the app waits for the audits to be paused and saved before the backend is killed. */
  stopTimeoutMs?: number;
}

/**
 * Closing waits this long for the backend to pause the audits: the runner itself waits at most 3 s for the domains
 * in flight (docs/DECISIONS.md, "Pause and cancel"), then the last group commit and closing the store.
 */
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;

const isShellChannel = (name: RequestName): name is ShellChannels => (SHELL_CHANNELS as readonly string[]).includes(name);

/** The Backend shape the shell and the tests already use; `stop` is the close path: pause, save, end the process. */
export function createMainRouter(deps: MainRouterDeps): Backend {
  const local = createGrantedPaths();
  const granted = {
    grant(kind: 'read' | 'write', file: string) {
      local.grant(kind, file);
      deps.client.grant(kind, file);
      return file;
    },
    check: local.check,
  };
  const shell = shellHandlers({ dialogs: deps.dialogs, showItem: deps.showItem, granted });
  const answered = {
    'dialog:openFile': validated('dialog:openFile', shell['dialog:openFile']),
    'dialog:openBundle': validated('dialog:openBundle', shell['dialog:openBundle']),
    'dialog:openReports': validated('dialog:openReports', shell['dialog:openReports']),
    'dialog:saveFile': validated('dialog:saveFile', shell['dialog:saveFile']),
    'shell:showItem': validated('shell:showItem', shell['shell:showItem']),
  } satisfies { [K in ShellChannels]: Handler<K> };

  async function dispatch(channel: unknown, input: unknown): Promise<Reply<unknown>> {
    if (isRequestName(channel) && isShellChannel(channel)) return (answered[channel] as Handler<RequestName>)(input);
    return deps.client.dispatch(channel, input);
  }
  const handlers = Object.fromEntries(REQUEST_NAMES.map((name) => [name, (input: unknown) => dispatch(name, input)])) as HandlerMap;
  return {
    handlers,
    dispatch,
    grant: (kind, file) => void granted.grant(kind, file),
    async stop() {
      await deps.client.shutdown(deps.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
    },
  };
}
