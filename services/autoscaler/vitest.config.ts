import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Without the `module` condition: with it, vite resolves @opentelemetry/api
// (required by prom-client) to its ESM build, whose extensionless imports
// Node cannot load.
const conditions = ['governor-source', 'node', 'import', 'default'];
const base = { ...shared, resolve: {}, ssr: {} };

export default mergeConfig(
  base,
  defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['governor-source'] } },
  }),
);
