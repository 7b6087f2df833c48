/**
 * Builds the Electron main process (`--mode main`), the backend process (`--mode backend`) and the preload
 * (`--mode preload`).
 * - main and backend: ESM (the package is "type": "module"), every npm dependency left external so electron-builder
 *   ships them as they are: better-sqlite3 is native, and pdfkit reads its font files from its own folder.
 * - preload: CommonJS in one file, because a sandboxed preload cannot load ES modules or anything from
 *   node_modules; only `electron` stays external.
 */
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/** The commit built, named in every evidence bundle (electron/io/bundle/tool-identity.ts); 'unknown' outside git. */
function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  // The backend (electron/backend/host.ts) runs in a utility process started by main from out/backend/host.js;
  // its exports run in a worker thread from out/backend/export-worker.js (electron/io/export/run-export.ts),
  // found beside whichever file of the bundle starts it: so every file of the backend sits in one folder.
  const backend = mode === 'backend';
  const entry = preload ? 'electron/app/preload.ts' : backend ? { host: 'electron/backend/host.ts', 'export-worker': 'electron/io/export/worker.ts' } : 'electron/app/main.ts';
  const name = backend ? 'backend' : preload ? 'preload' : 'main';
  return {
    root: '.',
    publicDir: false,
    logLevel: 'warn',
    define: { __MTA_STS_COMMIT__: JSON.stringify(gitCommit()) },
    ssr: preload ? { noExternal: true, external: ['electron'] } : { external: ['electron', 'better-sqlite3'] },
    build: {
      ssr: true,
      outDir: `out/${name}`,
      emptyOutDir: true,
      target: 'node22',
      minify: preload,
      sourcemap: !preload,
      rolldownOptions: {
        input: entry,
        external: preload ? ['electron'] : ['electron', ...nodeBuiltins],
        output: preload
          ? { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false }
          : { format: 'es', entryFileNames: backend ? '[name].js' : 'main.js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  };
});
