/**
 * The packaged binary's Electron fuses, read from build/electron-builder.yml by electron-builder's own config
 * loader and checked against its own schema, so the test fails both when a fuse is missing or wrong and when
 * this electron-builder version would not understand the key (and refuse to package).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('electron-builder configuration', () => {
  it('flips the fuses that stop the app binary from running other code', async () => {
    const config = await getConfig(ROOT, 'build/electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // The integrity fuses only make sense for an app packed into an asar archive.
    expect(config.asar).toBe(true);
  });
});
