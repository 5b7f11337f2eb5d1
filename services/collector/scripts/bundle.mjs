/**
 * Bundles the collector sidecar into one file, `dist/governor-collector.mjs`,
 * that runs under plain node (no TypeScript loader: about 10 MB less RSS per
 * sidecar). The OpenTelemetry SDK stays outside the bundle: it is loaded only
 * when traces are exported, from this package's node_modules (the collector
 * depends on it for that reason).
 *
 *   node services/collector/scripts/bundle.mjs [--out FILE]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outfile = resolve(values.out ?? resolve(here, '..', 'dist', 'governor-collector.mjs'));

await build({
  entryPoints: [resolve(here, '..', 'src', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  conditions: ['governor-source'],
  // CommonJS dependencies call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
process.stdout.write(`wrote ${outfile}\n`);
