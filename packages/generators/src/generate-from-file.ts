import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type ConfigIssue, loadConfigFile } from '@governor/config';
import { type GeneratedFile, generateArtifacts } from './artifacts.js';

/** The artifacts of a config file, or the issues that make the file invalid. */
export type GenerateFromFileResult =
  | { readonly ok: true; readonly files: GeneratedFile[]; readonly source: string }
  | { readonly ok: false; readonly issues: ConfigIssue[] };

/**
 * Loads `configPath` (secrets are not required: generating never reads
 * them) and renders its artifacts for `outDir`. Headers name the config
 * relative to `outDir` when it lies inside it (`examples/governor.yaml`), so
 * that the bytes do not depend on where the repository is checked out;
 * otherwise as given.
 */
export function generateFromFile(configPath: string, outDir: string): GenerateFromFileResult {
  const result = loadConfigFile(configPath, { checkEnv: false });
  if (!result.ok) return { ok: false, issues: result.issues };
  const rel = relative(resolve(outDir), resolve(configPath));
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const source = (inside ? rel : configPath).split(sep).join('/');
  return { ok: true, files: generateArtifacts(result.config, { source }), source };
}
