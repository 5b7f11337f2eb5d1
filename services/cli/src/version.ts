import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { version: string };

/** The governor version, from the CLI package. */
export const VERSION: string = pkg.version;
