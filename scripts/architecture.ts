// The dependency rules of the workspace, as data, and the checker that applies
// them to every package.json and every import of packages/* and services/*.
// Run by scripts/check-architecture.ts (part of `pnpm test:all`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Library layers, lowest first. A package may import packages of its own layer
 * or of a lower one, never of a higher one; every package under packages/ must
 * be listed. Services sit above every layer.
 */
export const LAYERS: readonly (readonly string[])[] = [
  // 0 foundation: stable error codes and test servers; no workspace dependencies.
  ['errors', 'testkit'],
  // 1 core: config schema, metric math, telemetry, clock and loops, discovery client.
  ['config', 'metrics', 'telemetry', 'runtime', 'discovery'],
  // 2 domain: the pure decision, the snapshot bus, providers and notifications.
  ['scaler', 'bus', 'providers', 'notify'],
  // 3 composition: the action queue, alert and dashboard generators, provider emulators.
  ['actions', 'generators', 'provider-emulators'],
  // 4 replay: the simulator runs the real scaler against emulated providers.
  ['simulator'],
];

/** The one service that may import other services: it composes them into `governor`. */
export const COMPOSITION_ROOT = 'cli';

export type Kind = 'package' | 'service';

/** One workspace: `packages/<name>` or `services/<name>`. */
export interface Workspace {
  kind: Kind;
  /** Directory name, also the part after `@governor/`. */
  name: string;
  /** Absolute directory. */
  dir: string;
  /** Workspace names from dependencies and devDependencies. */
  deps: string[];
}

/** One import found in a source file. */
export interface Import {
  /** Path of the importing file, relative to the repo root. */
  file: string;
  /** Absolute path of the importing file. */
  absFile: string;
  specifier: string;
}

const layerOf = (name: string) => LAYERS.findIndex((l) => l.includes(name));
const SCOPE = '@governor/';

/** The `@governor/<name>` a specifier names, with the rest of its path. */
function parseScoped(specifier: string): { name: string; subpath: string } | undefined {
  if (!specifier.startsWith(SCOPE)) return undefined;
  const [name = '', ...rest] = specifier.slice(SCOPE.length).split('/');
  return { name, subpath: rest.join('/') };
}

/** Why `from` may not depend on `to`, or undefined when it may. */
function edgeProblem(from: Workspace, to: Workspace): string | undefined {
  if (from.name === to.name) return undefined;
  if (from.kind === 'package' && to.kind === 'service') {
    return `packages never import services (${to.name} is a service)`;
  }
  if (from.kind === 'service' && to.kind === 'service' && from.name !== COMPOSITION_ROOT) {
    return `services never import each other; only ${COMPOSITION_ROOT} composes services`;
  }
  if (from.kind === 'package' && to.kind === 'package') {
    const a = layerOf(from.name);
    const b = layerOf(to.name);
    if (b > a) return `${from.name} (layer ${a}) may not import ${to.name} (layer ${b}, higher)`;
  }
  return undefined;
}

/**
 * Every broken rule, one readable line each: unlisted packages, dependencies
 * and imports that point at a service or up a layer, imports of another
 * workspace's `src/` (by `@governor/<pkg>/src/...` or by a relative path).
 */
export function checkArchitecture(workspaces: readonly Workspace[], imports: readonly Import[]): string[] {
  const problems: string[] = [];
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const owner = (absFile: string) =>
    workspaces.find((w) => absFile === w.dir || absFile.startsWith(w.dir + sep));
  for (const w of workspaces) {
    if (w.kind === 'package' && layerOf(w.name) < 0) {
      problems.push(`packages/${w.name} is in no layer: add it to LAYERS in scripts/architecture.ts`);
    }
    for (const dep of w.deps) {
      const to = byName.get(dep);
      const why = to && edgeProblem(w, to);
      if (why) problems.push(`${w.kind}s/${w.name}/package.json depends on @governor/${dep}: ${why}`);
    }
  }
  for (const imp of imports) {
    const from = owner(imp.absFile);
    if (!from) continue;
    const at = `${imp.file} imports '${imp.specifier}'`;
    const scoped = parseScoped(imp.specifier);
    if (scoped) {
      const to = byName.get(scoped.name);
      if (!to) continue;
      if (to !== from && (scoped.subpath === 'src' || scoped.subpath.startsWith('src/'))) {
        problems.push(`${at}: import another workspace through its exports, not its src/`);
      }
      const why = edgeProblem(from, to);
      if (why) problems.push(`${at}: ${why}`);
    } else if (imp.specifier.startsWith('.')) {
      const target = owner(resolve(dirname(imp.absFile), imp.specifier));
      if (target && target !== from) {
        problems.push(
          `${at}: a relative path into ${target.kind}s/${target.name}; import @governor/${target.name}`,
        );
      }
    }
  }
  return problems;
}

const SOURCE = /\.(c|m)?(t|j)sx?$/;
const SKIP = new Set(['node_modules', 'dist', 'test-results', 'coverage']);
const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /^\s*import\s*['"]([^'"\n]+)['"]/gm,
];

/** The specifiers of every static import, re-export and literal dynamic import in `text`. */
export function importsIn(text: string): string[] {
  return IMPORT_PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1] ?? ''));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    if (SKIP.has(n)) return [];
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return SOURCE.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

/** The workspaces under packages/ and services/ of `root`, and every import of their files. */
export function readTree(root: string): { workspaces: Workspace[]; imports: Import[] } {
  const workspaces: Workspace[] = [];
  for (const [top, kind] of [
    ['packages', 'package'],
    ['services', 'service'],
  ] as const) {
    for (const name of readdirSync(join(root, top))) {
      const dir = join(root, top, name);
      const pkgFile = join(dir, 'package.json');
      if (!existsSync(pkgFile)) continue;
      const pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } =
        JSON.parse(readFileSync(pkgFile, 'utf8'));
      const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
        .filter((d) => d.startsWith(SCOPE))
        .map((d) => d.slice(SCOPE.length));
      workspaces.push({ kind, name, dir, deps });
    }
  }
  const imports = workspaces.flatMap((w) =>
    sourceFiles(w.dir).flatMap((absFile) =>
      importsIn(readFileSync(absFile, 'utf8')).map((specifier) => ({
        file: relative(root, absFile),
        absFile,
        specifier,
      })),
    ),
  );
  return { workspaces, imports };
}
