#!/usr/bin/env node
/**
 * A small supervisor for one Fly Machine that runs the app and the Governor
 * collector side by side (the app image's entry point):
 *
 *   node supervise.mjs <app command...> -- <collector command...>
 *
 * The app is the machine's reason to live: when it exits, the collector is
 * stopped and the supervisor exits with the app's code (Fly restarts the
 * machine per its restart policy). When the collector exits, it is
 * restarted after a pause, doubling up to 30s; the app keeps serving.
 * SIGINT/SIGTERM go to both; the supervisor exits once both stopped.
 */
import { spawn } from 'node:child_process';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
if (split <= 0 || split === argv.length - 1) {
  process.stderr.write('usage: supervise.mjs <app command...> -- <collector command...>\n');
  process.exit(2);
}
const appCmd = argv.slice(0, split);
const collectorCmd = argv.slice(split + 1);
let stopping = false;
let collector;
let restartDelay = 1000;
let restartTimer;

const log = (msg) => process.stderr.write(`${JSON.stringify({ time: Date.now(), supervisor: msg })}\n`);
const run = ([cmd, ...args]) => spawn(cmd, args, { stdio: 'inherit' });

const app = run(appCmd);
function startCollector() {
  const startedAt = Date.now();
  collector = run(collectorCmd);
  collector.on('exit', (code, signal) => {
    collector = undefined;
    if (stopping) return;
    // A collector that ran a minute was healthy: start the backoff over.
    if (Date.now() - startedAt > 60_000) restartDelay = 1000;
    log(`collector exited (${signal ?? code}); restarting in ${restartDelay}ms`);
    restartTimer = setTimeout(startCollector, restartDelay);
    restartDelay = Math.min(restartDelay * 2, 30_000);
  });
}
startCollector();

function stop(signal) {
  if (stopping) return;
  stopping = true;
  clearTimeout(restartTimer);
  app.kill(signal);
  collector?.kill(signal);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));

app.on('exit', (code, signal) => {
  log(`app exited (${signal ?? code})`);
  stop('SIGTERM');
  const done = () => process.exit(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
  if (!collector) done();
  else collector.on('exit', done);
});
