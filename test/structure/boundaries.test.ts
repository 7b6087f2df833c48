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
 * Known crossings, each to be removed by moving code, never extended. Empty: the lab has its product folder
 * (electron/lab/), the DNS-answer helpers live in engine/net/, run comparison in store/comparisons.ts.
 */
const KNOWN: ReadonlySet<string> = new Set<string>([]);

function violations(rule: (i: Import) => boolean): string[] {
  return ALL.filter(rule).map(show).filter((s) => !KNOWN.has(s));
}

const importsElectron = (i: Import) => i.spec === 'electron' || i.spec.startsWith('electron/');
const ENGINE_ABOVE = ['electron/store', 'electron/io', 'electron/handlers', 'electron/cli', 'electron/app', 'electron/lab', 'electron/run-service'];
const STORE_ABOVE = ['electron/io', 'electron/handlers', 'electron/cli', 'electron/app', 'electron/lab', 'electron/run-service'];
const ENGINE_LOW = ['electron/engine/net', 'electron/engine/tls', 'electron/engine/smtp', 'electron/engine/parse', 'electron/engine/dane'];

/**
 * Each rule with one import it must reject, so a rule that silently stopped matching (a typo in a folder name,
 * a regex that no longer reads the imports) fails here rather than passing for ever.
 */
const RULES: { name: string; breaks: (i: Import) => boolean; example: Import }[] = [
  {
    name: 'lets only electron/app import electron',
    breaks: (i) => importsElectron(i) && !under(i.from, 'electron/app'),
    example: { from: 'electron/handlers/runs.ts', spec: 'electron' },
  },
  {
    name: 'keeps shared/ free of Node built-ins, electron and the other layers (it runs in the renderer too)',
    breaks: (i) => under(i.from, 'shared') && (BUILTINS.has(i.spec) || importsElectron(i) || under(i.target, 'electron') || under(i.target, 'renderer') || under(i.target, 'test')),
    example: { from: 'shared/types.ts', spec: 'node:fs' },
  },
  {
    name: 'keeps the renderer to shared/ and browser packages',
    breaks: (i) => under(i.from, 'renderer') && (BUILTINS.has(i.spec) || importsElectron(i) || under(i.target, 'electron') || under(i.target, 'test')),
    example: { from: 'renderer/src/App.tsx', spec: '../../electron/store/runs', target: 'electron/store/runs' },
  },
  {
    name: 'never imports from test/ in product code',
    breaks: (i) => under(i.target, 'test'),
    example: { from: 'electron/cli/demo.ts', spec: '../../test/lab/estate/generated', target: 'test/lab/estate/generated' },
  },
  {
    name: 'keeps the engine below the store, the importers and exporters, the handlers, the CLI, the app and the lab',
    breaks: (i) => under(i.from, 'electron/engine') && ENGINE_ABOVE.some((a) => under(i.target, a)),
    example: { from: 'electron/engine/runner.ts', spec: '../store/results', target: 'electron/store/results' },
  },
  {
    name: 'keeps the store below the importers, exporters, handlers, CLI, app and lab',
    breaks: (i) => under(i.from, 'electron/store') && STORE_ABOVE.some((a) => under(i.target, a)),
    example: { from: 'electron/store/results.ts', spec: '../io/workbook', target: 'electron/io/workbook' },
  },
  {
    name: 'keeps the network, TLS, SMTP and parser modules below the checks that use them',
    breaks: (i) => ENGINE_LOW.some((l) => under(i.from, l)) && under(i.target, 'electron/engine/checks'),
    example: { from: 'electron/engine/tls/aia.ts', spec: '../checks/mx-resolve', target: 'electron/engine/checks/mx-resolve' },
  },
  {
    // The lab is a product feature (`demo`) but a fixture in kind: it stands apart, on shared/ alone, and only
    // the CLI starts it, so no audit path can come to depend on a fake server.
    name: 'keeps the lab apart: only the CLI imports it, and it imports only shared/',
    breaks: (i) =>
      (under(i.target, 'electron/lab') && !under(i.from, 'electron/lab') && !under(i.from, 'electron/cli')) ||
      (under(i.from, 'electron/lab') && i.target !== undefined && !under(i.target, 'electron/lab') && !under(i.target, 'shared')),
    example: { from: 'electron/engine/runner.ts', spec: '../lab/lab', target: 'electron/lab/lab' },
  },
  {
    // The import side of the tree: only read-domains.ts is the door into electron/io/import/.
    name: 'enters the importer only through electron/io/read-domains.ts',
    breaks: (i) => under(i.target, 'electron/io/import') && !under(i.from, 'electron/io/import') && i.from !== 'electron/io/read-domains.ts',
    example: { from: 'electron/handlers/import.ts', spec: '../io/import/rows/row-collector', target: 'electron/io/import/rows/row-collector' },
  },
  {
    // Views and components render; the hooks in renderer/hooks/ are the one place that calls the backend, so a
    // channel's callers, their loading and error states, and a rename are found in one folder.
    name: 'lets views and components reach the backend only through renderer/hooks/, never renderer/api',
    breaks: (i) => (under(i.from, 'renderer/views') || under(i.from, 'renderer/components')) && i.target?.replace(/\.tsx?$/, '') === 'renderer/api',
    example: { from: 'renderer/views/RunView.tsx', spec: '../api', target: 'renderer/api' },
  },
];

describe('layer boundaries', () => {
  it('reads every source file (the rules below are not vacuous)', () => {
    expect(new Set(ALL.map((i) => i.from.split('/')[0])).size).toBe(SOURCE_DIRS.length);
    expect(ALL.length).toBeGreaterThan(500);
  });

  for (const rule of RULES) {
    it(rule.name, () => {
      expect(rule.breaks(rule.example), `the rule must reject ${show(rule.example)}`).toBe(true);
      expect(violations(rule.breaks)).toEqual([]);
    });
  }

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
