import { readFileSync } from 'node:fs';

/**
 * The `version` of the package.json one directory above `moduleUrl`: a
 * service's `src/x.ts` in a checkout and its `dist/bundle.mjs` once built
 * or deployed both sit one level below their package.json. `0.0.0` when it
 * cannot be read (a bundle copied on its own).
 */
export function packageVersion(moduleUrl: string | URL): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', moduleUrl), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
