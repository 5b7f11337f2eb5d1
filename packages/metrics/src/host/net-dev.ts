import { lineError } from './host-stats-error.js';

/** One interface of `/proc/<pid>/net/dev`, cumulative since it came up. */
export interface NetDevInterface {
  readonly name: string;
  readonly receiveBytes: number;
  readonly transmitBytes: number;
}

/**
 * Parses `/proc/<pid>/net/dev` (the network namespace of `<pid>`): two header
 * lines, then `name: rx_bytes rx_packets ... (8 receive fields) tx_bytes ...
 * (8 transmit fields)` per interface.
 */
export function parseNetDev(text: string, file = '/proc/<pid>/net/dev'): NetDevInterface[] {
  const out: NetDevInterface[] = [];
  text.split('\n').forEach((raw, i) => {
    if (i < 2 || raw.trim() === '') return;
    const colon = raw.indexOf(':');
    if (colon < 0) throw lineError(file, i + 1, `no "name:" in "${raw.trim()}"`);
    const name = raw.slice(0, colon).trim();
    const f = raw
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (name === '' || f.length < 16 || f.some((v) => !/^\d+$/.test(v)))
      throw lineError(file, i + 1, `malformed "${raw.trim()}" (want a name and 16 counters)`);
    out.push({ name, receiveBytes: Number(f[0]), transmitBytes: Number(f[8]) });
  });
  return out;
}

/** Received and transmitted bytes summed over the interfaces, loopback (`lo`) excluded. */
export function netDevTotals(interfaces: readonly NetDevInterface[]): {
  receiveBytes: number;
  transmitBytes: number;
} {
  let receiveBytes = 0;
  let transmitBytes = 0;
  for (const i of interfaces) {
    if (i.name === 'lo') continue;
    receiveBytes += i.receiveBytes;
    transmitBytes += i.transmitBytes;
  }
  return { receiveBytes, transmitBytes };
}
