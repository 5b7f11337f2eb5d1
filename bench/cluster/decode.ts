/**
 * bench:cluster-decode — decode cost per stored snapshot, the part of a
 * replica's tick that grows with instances: JSON (what the bus stores,
 * baseline) against MessagePack (msgpackr, plain and with record
 * structures) and against skipping the decode of a snapshot whose stored
 * text has not changed since the last tick (one string comparison). Prints
 * bytes and CPU µs per snapshot (median of several rounds over 10,000 snapshots)
 * and, last, `snapshot-decode-us-json: N`.
 */
import { Packr, pack, unpack } from 'msgpackr';
import { snapshot } from './fleet-config.js';

const N = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const snaps = Array.from({ length: N }, (_, i) => snapshot(`app-${i % 1000}`, `i-${i}`, i, Date.now()));
const json = snaps.map((s) => JSON.stringify(s));
const packed = snaps.map((s) => pack(s));
const packr = new Packr({ structures: [] });
const records = snaps.map((s) => packr.pack(s));
const cache = new Map(json.map((t, i) => [`i-${i}`, { text: t, value: snaps[i] }]));

function time(decode: (i: number) => unknown): number {
  const us: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    // Process CPU, not wall time: the machine is shared.
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) if (decode(i)) sink++;
    const c = process.cpuUsage(c0);
    us.push((c.user + c.system) / N);
  }
  if (sink < 0) console.log(sink);
  return [...us].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? Number.NaN;
}

const avg = (xs: { length: number }[]) => Math.round(xs.reduce((a, x) => a + x.length, 0) / xs.length);
const rows: [string, number, number][] = [
  ['JSON.parse (stored today, baseline)', avg(json), time((i) => JSON.parse(json[i] as string))],
  ['msgpackr unpack', avg(packed), time((i) => unpack(packed[i] as Buffer))],
  ['msgpackr unpack, record structures', avg(records), time((i) => packr.unpack(records[i] as Buffer))],
  [
    'unchanged text: reuse the decoded value',
    avg(json),
    time((i) => {
      const hit = cache.get(`i-${i}`);
      return hit && hit.text === json[i] ? hit.value : JSON.parse(json[i] as string);
    }),
  ],
];
for (const [name, bytes, us] of rows)
  console.log(`${name.padEnd(42)} ${String(bytes).padStart(5)} bytes  ${us.toFixed(2)} µs/snapshot`);
const base = rows[0]?.[2] ?? Number.NaN;
for (const [name, , us] of rows.slice(1)) console.log(`${name}: ${(base / us).toFixed(2)}x faster than JSON`);
console.log(`snapshot-decode-us-json: ${base.toFixed(2)}`);
