/**
 * The layers of the tree, enforced: every import of every source file is read and checked against the rules
 * below, so a boundary kept by convention today cannot erode tomorrow (STYLE.md, "Boundary discipline").
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_DIRS = ['electron', 'shared', 'renderer'];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface Import {
  /** The importing file, relative to the root, with forward slashes. */
  from: string;
  /** The specifier as written. */
  spec: string;
  /** For a relative specifier, the imported path relative to the root. */
  target?: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Static imports, re-exports, dynamic imports and requires; comments are stripped first. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specs.map((spec) => {
    if (!spec.startsWith('.')) return { from: file, spec };
    const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep).join('/');
    return { from: file, spec, target };
  });
}

const ALL = SOURCE_DIRS.flatMap(sourceFiles).flatMap(importsOf);
const under = (p: string | undefined, dir: string) => p !== undefined && (p === dir || p.startsWith(`${dir}/`));
const show = (i: Import) => `${i.from} imports ${i.spec}`;

/**
 * Known crossings, each to be removed by moving code, never extended: the lab demo reaches into test/ until
 * the lab has a product folder.
 */
const KNOWN: ReadonlySet<string> = new Set([
  'electron/cli/demo.ts imports ../../test/lab/lab',
  'electron/cli/demo.ts imports ../../test/lab/estate/demo',
  'electron/engine/tls/aia.ts imports ../checks/mx-resolve',
]);

function violations(rule: (i: Import) => boolean): string[] {
  return ALL.filter(rule).map(show).filter((s) => !KNOWN.has(s));
}

describe('layer boundaries', () => {
  it('reads every source file (the rules below are not vacuous)', () => {
    expect(new Set(ALL.map((i) => i.from.split('/')[0])).size).toBe(SOURCE_DIRS.length);
    expect(ALL.length).toBeGreaterThan(500);
  });

  it('lets only electron/app import electron', () => {
    expect(violations((i) => (i.spec === 'electron' || i.spec.startsWith('electron/')) && !under(i.from, 'electron/app'))).toEqual([]);
  });

  it('keeps shared/ free of Node built-ins, electron and the other layers (it runs in the renderer too)', () => {
    expect(violations((i) => under(i.from, 'shared') && (BUILTINS.has(i.spec) || i.spec === 'electron' || under(i.target, 'electron') || under(i.target, 'renderer') || under(i.target, 'test')))).toEqual([]);
  });

  it('keeps the renderer to shared/ and browser packages', () => {
    expect(violations((i) => under(i.from, 'renderer') && (BUILTINS.has(i.spec) || under(i.target, 'electron') || under(i.target, 'test')))).toEqual([]);
  });

  it('never imports from test/ in product code', () => {
    expect(violations((i) => under(i.target, 'test'))).toEqual([]);
  });

  it('keeps the engine below the store, the importers and exporters, the handlers, the CLI and the app', () => {
    const above = ['electron/store', 'electron/io', 'electron/handlers', 'electron/cli', 'electron/app', 'electron/run-service', 'electron/handlers.ts', 'electron/cli.ts'];
    expect(violations((i) => under(i.from, 'electron/engine') && above.some((a) => under(i.target, a.replace(/\.ts$/, ''))))).toEqual([]);
  });

  it('keeps the store below the importers, exporters, handlers, CLI and app', () => {
    const above = ['electron/io', 'electron/handlers', 'electron/cli', 'electron/app', 'electron/run-service'];
    expect(violations((i) => under(i.from, 'electron/store') && above.some((a) => under(i.target, a)))).toEqual([]);
  });

  it('keeps the network, TLS, SMTP and parser modules below the checks that use them', () => {
    const low = ['electron/engine/net', 'electron/engine/tls', 'electron/engine/smtp', 'electron/engine/parse', 'electron/engine/dane'];
    expect(violations((i) => low.some((l) => under(i.from, l)) && under(i.target, 'electron/engine/checks'))).toEqual([]);
  });

  it("keeps the main process's side (electron/app, and main's end of the backend channel) off the engine, store and io", () => {
    // They run in the backend process (electron/backend/host.ts); main stays a thin shell whose loop serves the window.
    const mainSide = ['electron/app', 'electron/backend/client.ts', 'electron/backend/main-router.ts', 'electron/backend/protocol.ts'];
    const backendOnly = ['electron/engine', 'electron/store', 'electron/io', 'electron/run-service'];
    expect(ALL.some((i) => under(i.from, 'electron/backend'))).toBe(true);
    expect(violations((i) => mainSide.some((m) => i.from === m || under(i.from, m)) && backendOnly.some((b) => under(i.target, b)))).toEqual([]);
  });

  it('keeps every known crossing real, so the list only shrinks', () => {
    const present = new Set(ALL.map(show));
    expect([...KNOWN].filter((k) => !present.has(k))).toEqual([]);
  });
});
