import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a binary may live when Debian installs it outside PATH. */
const EXTRA_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/bin', '/sbin'];

/** Absolute path of `bin`, or undefined when it is not installed. */
export function findBinary(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  if (r.status === 0 && found) return found;
  for (const dir of EXTRA_DIRS) {
    const p = join(dir, bin);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `fn` while holding a machine-wide lock, so that parallel test workers
 * never run apt-get at the same time. The lock is a directory (mkdir is atomic).
 */
function withLock<T>(name: string, fn: () => T): T {
  const dir = join(tmpdir(), `governor-${name}.lock`);
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch {
      try {
        // A lock older than 15 minutes belongs to a dead process.
        if (Date.now() - statSync(dir).mtimeMs > 15 * 60_000) rmSync(dir, { recursive: true, force: true });
      } catch {
        // raced with its owner removing it
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the ${name} lock (${dir})`);
      sleepSync(500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Returns the path of `bin`, installing Debian package `pkg` with apt-get
 * when it is missing. Throws a clear error when it cannot (not root, no apt).
 */
export function ensureBinary(bin: string, pkg: string): string {
  const have = findBinary(bin);
  if (have) return have;
  return withLock('apt', () => {
    const again = findBinary(bin);
    if (again) return again;
    if (typeof process.getuid === 'function' && process.getuid() !== 0) {
      throw new Error(
        `${bin} is not installed and this is not root: install it with 'sudo apt-get install ${pkg}'`,
      );
    }
    if (!findBinary('apt-get')) {
      throw new Error(`${bin} is not installed and apt-get is not available: install the ${pkg} package`);
    }
    process.stderr.write(`[testkit] ${bin} missing: installing Debian package ${pkg}\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const opts = { env, stdio: ['ignore', 'ignore', 'inherit'] as ('ignore' | 'inherit')[] };
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], opts);
    } catch {
      execFileSync('apt-get', ['update'], opts);
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], opts);
    }
    const installed = findBinary(bin);
    if (!installed) throw new Error(`installed ${pkg} but ${bin} is still not found`);
    return installed;
  });
}
