import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import { expect } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const template = fileURLToPath(new URL('./fixtures/up-e2e.template.yaml', import.meta.url));

/** A `governor up` config written from the e2e fixture template, with free ports filled in. */
export interface UpConfig {
  /** Path of the written `governor.yaml`. */
  file: string;
  /** The text written to `file`. */
  text: string;
  /** Port of the daemon API. */
  apiPort: number;
  /** Instance ports are in [lo, hi]. */
  lo: number;
  hi: number;
}

/** Writes `dir/governor.yaml` from the fixture template with a free API and proxy port and a random instance port range. */
export async function writeUpConfig(dir: string): Promise<UpConfig> {
  const apiPort = await freePort();
  const lo = 40_000 + Math.floor(Math.random() * 10_000);
  const hi = lo + 5;
  const file = join(dir, 'governor.yaml');
  const text = readFileSync(template, 'utf8')
    .replaceAll('__API_PORT__', String(apiPort))
    .replaceAll('__PROXY_PORT__', String(await freePort()))
    .replaceAll('__PORT_LO__', String(lo))
    .replaceAll('__PORT_HI__', String(hi));
  writeFileSync(file, text);
  return { file, text, apiPort, lo, hi };
}

/** Starts `governor up -c file` from source, logging to `dir/up.log`; stderr is piped for the caller to read. */
export function spawnUp(dir: string, file: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--conditions=governor-source',
      '--import',
      'tsx',
      'services/cli/src/main.ts',
      'up',
      '-c',
      file,
      '--log-file',
      join(dir, 'up.log'),
    ],
    { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** Waits (up to 60 s) until the daemon API on `apiPort` answers `/readyz` with 200. */
export async function waitReady(apiPort: number): Promise<void> {
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${apiPort}/readyz`).catch(() => undefined))?.status, {
      timeout: 60_000,
      interval: 250,
    })
    .toBe(200);
}

/** Whether `child` exits within `ms` (true at once when it has). */
async function exitsWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([once(child, 'exit').then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops `child` and waits for its exit. SIGINT first: `governor up` then
 * stops its instances itself; a SIGKILL would leave them running (they are
 * in process groups of their own). A second SIGINT makes it SIGKILL them and
 * exit at once; SIGKILL only for a process that still does not exit.
 */
export async function stopProcess(child: ChildProcess): Promise<void> {
  for (const [signal, ms] of [
    ['SIGINT', 20_000],
    ['SIGINT', 5_000],
  ] as const) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    if (await exitsWithin(child, ms)) return;
  }
  child.kill('SIGKILL');
  await exitsWithin(child, 5_000);
}
