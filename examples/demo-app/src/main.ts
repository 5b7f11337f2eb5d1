import { buildDemoApp } from './app.js';
import { readSettings } from './settings.js';

/**
 * Entry point: `PORT=8100 node --import tsx examples/demo-app/src/main.ts`.
 * Stops cleanly on SIGTERM and SIGINT.
 */
const settings = readSettings();
const app = buildDemoApp(settings);

async function shutdown(): Promise<void> {
  await app.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

await app.listen({ port: settings.port, host: settings.host });
process.stdout.write(
  `demo-app ${settings.instanceId} listening on ${settings.host}:${settings.port} ` +
    `(concurrency ${settings.concurrency}, service ${settings.serviceTimeMs} ms, queue ${settings.queueLimit})\n`,
);
