import { readFile } from 'node:fs/promises';
import { netDevTotals, parseNetDev } from '@governor/metrics';
import type { NetworkBytes } from './io-sample.js';

/**
 * Bytes received and sent by every interface of the network namespace of
 * `pid` but loopback, from `<proc>/<pid>/net/dev` (`pid` may be `self`).
 * Loopback is left out: it is traffic the machine has with itself (a sidecar
 * scraping its app), not what the instance sends to or receives from others.
 */
export async function readNetwork(proc: string, pid: number | 'self'): Promise<NetworkBytes> {
  const file = `${proc}/${pid}/net/dev`;
  return netDevTotals(parseNetDev(await readFile(file, 'utf8'), file));
}
