/** JSON schemas of the discovery routes (validation + OpenAPI). */

const regionString = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 } as const;

export const instancesQuery = {
  type: 'object',
  properties: {
    region: { ...regionString, description: 'Only instances in this region' },
    ready: { type: 'boolean', description: 'Only ready (true) or not-ready (false) instances' },
    near: {
      ...regionString,
      description:
        'Order by nearness to this region: it first, then `discovery.regionOrder[near]`, then the other regions by name',
    },
  },
  additionalProperties: false,
} as const;

const loadSchema = {
  type: 'object',
  description: 'Load from the newest fresh snapshot of the instance',
  properties: {
    utilization: { type: 'number', description: 'CPU utilisation, 0..1 of the limit' },
    inFlight: { type: 'number', description: 'Requests in flight (apps[].metrics.inFlight)' },
    rps: { type: 'number', description: 'Requests per second over the window' },
    at: { type: 'integer', description: 'End of the snapshot window, ms since epoch' },
  },
  required: ['at'],
} as const;

export const instanceSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Instance (machine) id' },
    region: { type: 'string' },
    address: {
      type: 'string',
      description: '`<machine id>.vm.<app>.internal:<port>` on Fly, `host:port` locally',
    },
    ready: { type: 'boolean', description: 'Serving, as its collector last reported' },
    draining: { type: 'boolean', description: 'Being stopped by a scale-down: send no new work' },
    lastSeen: { type: 'integer', description: 'Last heartbeat, ms since epoch' },
    load: loadSchema,
  },
  required: ['id', 'region', 'ready', 'draining', 'lastSeen'],
} as const;

export const instancesBody = {
  type: 'object',
  properties: {
    app: { type: 'string' },
    near: { type: 'string', description: 'The `near` region of the request, when given' },
    regions: {
      type: 'array',
      items: { type: 'string' },
      description: 'Regions in the order the list uses (preference order with `near`)',
    },
    instances: { type: 'array', items: instanceSchema },
  },
  required: ['app', 'regions', 'instances'],
} as const;
