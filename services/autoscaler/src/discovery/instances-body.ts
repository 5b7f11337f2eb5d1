import type { DiscoveredInstance } from './discovered-instance.js';
import { type InstanceQuery, regionPreference, selectInstances } from './select-instances.js';

/** The body of `GET /v1/apps/:app/instances` and of each watch event. */
export interface InstancesBody {
  readonly app: string;
  readonly near?: string;
  /** Regions in the order the list uses. */
  readonly regions: readonly string[];
  readonly instances: readonly DiscoveredInstance[];
}

/** Builds the {@link InstancesBody} of `app` for `query` from its full list. Pure. */
export function instancesBody(
  app: string,
  all: readonly DiscoveredInstance[],
  query: InstanceQuery,
  regionOrder: Readonly<Record<string, readonly string[]>>,
): InstancesBody {
  const instances = selectInstances(all, query, regionOrder);
  const present = instances.map((i) => i.region);
  const regions =
    query.near === undefined
      ? [...new Set(present)].sort()
      : regionPreference(query.near, present, regionOrder).filter(
          (r) => r === query.near || present.includes(r),
        );
  return { app, ...(query.near === undefined ? {} : { near: query.near }), regions, instances };
}

/** What a watcher compares to decide whether to send: everything but heartbeat times. */
export function changeKey(body: InstancesBody): string {
  return JSON.stringify({ ...body, instances: body.instances.map(({ lastSeen: _t, ...rest }) => rest) });
}
