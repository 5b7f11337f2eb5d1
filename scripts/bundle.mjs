/**
 * Bundles every Governor process into one ES module file that runs under
 * plain node (no TypeScript loader, no export conditions):
 *
 *   services/cli/dist/governor.mjs                  the `governor` command
 *   services/autoscaler/dist/governor-autoscaler.mjs the daemon
 *   services/collector/dist/governor-collector.mjs   the sidecar
 *   examples/demo-app/dist/demo-app.mjs              the demo app
 *
 * The OpenTelemetry SDK stays outside the bundles: it is loaded only when
 * traces are exported, from the package's own node_modules (each service
 * depends on it for that reason), so `pnpm deploy --prod` of a service gives
 * the bundle everything it needs.
 *
 *   node scripts/bundle.mjs [--only cli,autoscaler,collector,demo-app] [--suffix -test]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each bundle: where its entry is and what its file is called. */
export const BUNDLES = {
  cli: { entry: 'services/cli/src/main.ts', out: 'services/cli/dist/governor' },
  autoscaler: {
    entry: 'services/autoscaler/src/main.ts',
    out: 'services/autoscaler/dist/governor-autoscaler',
  },
  collector: { entry: 'services/collector/src/main.ts', out: 'services/collector/dist/governor-collector' },
  'demo-app': { entry: 'examples/demo-app/src/main.ts', out: 'examples/demo-app/dist/demo-app' },
};

/** Loaded on demand with require() when traces are exported; resolved from node_modules. */
export const EXTERNAL = [
  '@opentelemetry/sdk-node',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/resources',
];

/**
 * Writes one bundle; returns its absolute path.
 * @param {keyof typeof BUNDLES} name
 * @param {{ suffix?: string }} [options] appended to the file name (tests build beside the real one)
 */
export async function bundle(name, options = {}) {
  const spec = BUNDLES[name];
  if (!spec) throw new Error(`unknown bundle ${name}; known: ${Object.keys(BUNDLES).join(', ')}`);
  const outfile = resolve(root, `${spec.out}${options.suffix ?? ''}.mjs`);
  await build({
    entryPoints: [resolve(root, spec.entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    conditions: ['governor-source'],
    external: EXTERNAL,
    // CommonJS dependencies call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { only: { type: 'string' }, suffix: { type: 'string' } } });
  const names = values.only ? values.only.split(',') : Object.keys(BUNDLES);
  for (const name of names) {
    const out = await bundle(/** @type {keyof typeof BUNDLES} */ (name), { suffix: values.suffix });
    process.stdout.write(`wrote ${out}\n`);
  }
}
