import { ensureAmtool, ensureBinary, ensurePromtool } from '@governor/testkit';

// Installs, once and before any test runs in parallel, the system packages
// the tests use: redis-server, promtool (prometheus), amtool (alertmanager),
// docker-compose (a Compose implementation to check docker-compose.yml).
const tools = {
  'redis-server': ensureBinary('redis-server', 'redis-server'),
  promtool: ensurePromtool(),
  amtool: ensureAmtool(),
  'docker-compose': ensureBinary('docker-compose', 'docker-compose'),
};
for (const [name, path] of Object.entries(tools)) process.stdout.write(`[tools] ${name}: ${path}\n`);
