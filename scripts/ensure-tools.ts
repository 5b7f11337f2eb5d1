import { ensureAmtool, ensureBinary, ensurePromtool } from '@governor/testkit';

// Installs, once and before any test runs in parallel, the system packages
// the tests use: redis-server, promtool (prometheus), amtool (alertmanager).
const tools = {
  'redis-server': ensureBinary('redis-server', 'redis-server'),
  promtool: ensurePromtool(),
  amtool: ensureAmtool(),
};
for (const [name, path] of Object.entries(tools)) process.stdout.write(`[tools] ${name}: ${path}\n`);
