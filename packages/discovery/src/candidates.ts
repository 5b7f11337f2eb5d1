import { type Instance, type InstanceList, isPickable } from './instance.js';
import type { RegionLatency } from './region-latency.js';

/**
 * The regions in the order a client prefers them: its own region first;
 * then the other regions with a measured latency, fastest first; then the
 * rest in the server's order (`list.regions`), then any left by name.
 */
export function regionOrder(list: InstanceList, own: string | undefined, latency?: RegionLatency): string[] {
  const all: string[] = [];
  const add = (r: string) => {
    if (!all.includes(r)) all.push(r);
  };
  for (const r of list.regions) add(r);
  for (const r of [...new Set(list.instances.map((i) => i.region))].sort()) add(r);
  const others = all.filter((r) => r !== own);
  const measured = others
    .filter((r) => latency?.get(r) !== undefined)
    .sort((a, b) => (latency?.get(a) ?? 0) - (latency?.get(b) ?? 0));
  const rest = others.filter((r) => !measured.includes(r));
  return [...(own === undefined ? [] : [own]), ...measured, ...rest];
}

/**
 * The instances a pick chooses among: the pickable ones (ready, not
 * draining, with an address, not excluded) of the first region, in {@link regionOrder},
 * that has any; sorted by id. Empty when no instance anywhere is pickable.
 */
export function candidates(
  list: InstanceList,
  own: string | undefined,
  latency?: RegionLatency,
  exclude?: (i: Instance) => boolean,
): Instance[] {
  const pickable = list.instances.filter((i) => isPickable(i) && !exclude?.(i));
  for (const region of regionOrder(list, own, latency)) {
    const here = pickable.filter((i) => i.region === region);
    if (here.length > 0) return here.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return [];
}
