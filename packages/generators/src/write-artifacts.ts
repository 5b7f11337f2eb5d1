import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from './artifacts.js';
import { GENERATED_MARKER } from './header.js';

/** Directories (relative to the output root) and suffixes that generated files use. */
const GENERATED_PLACES: readonly (readonly [string, string])[] = [
  ['alerts', '.yml'],
  ['alerts/tests', '.yml'],
  ['dashboards', '.json'],
];

/** How an output directory differs from what the config generates. */
export interface ArtifactDiff {
  /** Generated files whose committed content differs. */
  readonly changed: readonly string[];
  /** Generated files that do not exist yet. */
  readonly missing: readonly string[];
  /** Files carrying the generated marker that the config no longer produces. */
  readonly stale: readonly string[];
}

/** What {@link writeArtifacts} did, by relative path. */
export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

function readOrUndefined(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Generated files found under `outDir` (by marker), as relative paths. */
function generatedFilesIn(outDir: string): string[] {
  const found: string[] = [];
  for (const [dir, suffix] of GENERATED_PLACES) {
    const abs = join(outDir, dir);
    if (!existsSync(abs)) continue;
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
      const rel = `${dir}/${entry.name}`;
      if (readFileSync(join(outDir, rel), 'utf8').includes(GENERATED_MARKER)) found.push(rel);
    }
  }
  return found.sort();
}

/** Compares `files` with `outDir` without writing anything (the `--check` mode). */
export function diffArtifacts(files: readonly GeneratedFile[], outDir: string): ArtifactDiff {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const f of files) {
    const current = readOrUndefined(join(outDir, f.path));
    if (current === undefined) missing.push(f.path);
    else if (current !== f.content) changed.push(f.path);
  }
  const wanted = new Set(files.map((f) => f.path));
  const stale = generatedFilesIn(outDir).filter((p) => !wanted.has(p));
  return { changed, missing, stale };
}

/**
 * Writes `files` under `outDir`, leaving identical files untouched, and
 * removes generated files (recognised by their marker) that the config no
 * longer produces. Hand-written files are never touched.
 */
export function writeArtifacts(files: readonly GeneratedFile[], outDir: string): WriteResult {
  const diff = diffArtifacts(files, outDir);
  const toWrite = new Set([...diff.changed, ...diff.missing]);
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const f of files) {
    if (!toWrite.has(f.path)) {
      unchanged.push(f.path);
      continue;
    }
    const abs = join(outDir, f.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.content);
    written.push(f.path);
  }
  for (const p of diff.stale) rmSync(join(outDir, p));
  return { written, unchanged, removed: [...diff.stale] };
}
