/** What every group of handlers is given: the injected dependencies plus the session state they share. */
import type Database from 'better-sqlite3';
import type { ParsedInput, RequestName, RequestOutput } from '../../shared/ipc';
import type { GrantedPaths } from './granted-paths';
import type { ImportCache } from './import-cache';
import type { RunManager, Emit } from './run-manager';
import type { SettingsStore } from './settings-store';
import type { ImportSource, DomainsFile } from './import-source';

export interface Dialogs {
  /** A file to import, or undefined when the user cancelled. */
  openFile(): Promise<string | undefined>;
  /**
   * TLS-RPT report files (several), or one folder of them; undefined when cancelled. Optional: a shell
   * without it answers that importing reports is not available here.
   */
  openReports?(folder: boolean): Promise<string[] | undefined>;
  /** An evidence bundle (.zip); undefined when cancelled. Optional, as openReports. */
  openBundle?(): Promise<string | undefined>;
  /** Where to save an export (the name suggested), or undefined when cancelled. */
  saveFile(defaultName: string): Promise<string | undefined>;
}

export interface HandlerDeps {
  db: Database.Database;
  /**
   * The desktop, when the backend runs beside it (tests, in-process): both or neither. Without them (the backend
   * in its own process) the dialog and reveal channels are refused: the main process answers them (handlers/shell.ts).
   */
  dialogs?: Dialogs;
  /** Reveals a file in the system's file manager. */
  showItem?(path: string): void;
  emit: Emit;
  settingsStore: SettingsStore;
  /** The app's data folder, where the bundle signing key is created on first use (io/bundle/signing-key.ts). */
  dataDir?: string;
}

export interface HandlerContext extends HandlerDeps {
  runs: RunManager;
  imports: ImportCache<ImportSource, DomainsFile>;
  granted: GrantedPaths;
}

/** One channel's implementation, after its input was parsed by the contract schema. */
export type Implementation<K extends RequestName> = (input: ParsedInput<K>) => Promise<RequestOutput<K>> | RequestOutput<K>;
export type Implementations<K extends RequestName> = { [P in K]: Implementation<P> };
