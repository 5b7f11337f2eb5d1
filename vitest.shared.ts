import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings. Workspace packages resolve to their TypeScript
 * sources through the `governor-source` export condition, so tests never need
 * a build first.
 */
// No `module` condition: with it, vite resolves @opentelemetry/api (required
// by prom-client) to its ESM build, whose extensionless imports Node cannot load.
const conditions = ['governor-source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['governor-source'] } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
