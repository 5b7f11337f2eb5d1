import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** A network namespace joined to this one by a veth pair: real interfaces, traffic that is not loopback. */
export interface NetNamespace {
  readonly name: string;
  /** The namespace side's address (where an app inside listens). */
  readonly innerAddress: string;
  /** Runs a command inside the namespace: `[...exec, command, ...args]`. */
  readonly exec: readonly string[];
  /** Deletes the veth pair and the namespace. */
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Creates a namespace with a /30 veth link to this one (needs root and
 * iproute2: `ip netns`). Throws with the reason when it cannot.
 */
export function createNetNamespace(): NetNamespace {
  const id = randomBytes(3).toString('hex');
  const name = `gov-io-${id}`;
  const host = `gv${id}h`;
  const inner = `gv${id}n`;
  const third = Number.parseInt(id.slice(0, 2), 16);
  const fourth = (Number.parseInt(id.slice(2, 4), 16) % 64) * 4;
  const hostAddress = `10.231.${third}.${fourth + 1}`;
  const innerAddress = `10.231.${third}.${fourth + 2}`;
  const remove = (): void => {
    for (const args of [
      ['link', 'del', host],
      ['netns', 'del', name],
    ]) {
      try {
        ip(...args);
      } catch {
        // already gone
      }
    }
  };
  try {
    ip('netns', 'add', name);
    ip('link', 'add', host, 'type', 'veth', 'peer', 'name', inner);
    ip('link', 'set', inner, 'netns', name);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', host);
    ip('link', 'set', host, 'up');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${innerAddress}/30`, 'dev', inner);
    ip('netns', 'exec', name, 'ip', 'link', 'set', inner, 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (err) {
    remove();
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `cannot create a network namespace with a veth pair (needs root and iproute2): ${stderr ?? String(err)}`,
    );
  }
  return { name, innerAddress, exec: ['ip', 'netns', 'exec', name], remove };
}
