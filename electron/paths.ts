/**
 * Where the app keeps its data. Mirrors Electron's `app.getPath('userData')` (appData + product name), so
 * the CLI and the desktop app open the same database by default.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'MTA-STS Auditor';

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(appDataDir(env), PRODUCT_NAME, 'audits.sqlite');
}

/** The app's data folder: the database, the signing key (io/bundle/signing-key.ts). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(appDataDir(env), PRODUCT_NAME);
}
