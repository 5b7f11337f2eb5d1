/** JSON schemas of the API (validation + OpenAPI). */

export const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'Stable error code (docs/errors.md)' },
    message: { type: 'string' },
    field: { type: 'string', description: 'The offending field, for validation errors' },
  },
  required: ['error', 'message'],
} as const;

export const appParams = {
  type: 'object',
  properties: {
    app: { type: 'string', minLength: 1, maxLength: 128, description: 'App name from the config' },
  },
  required: ['app'],
} as const;

export const pauseBody = {
  type: ['object', 'null'],
  properties: { reason: { type: 'string', maxLength: 500, description: 'Why, shown in the API and logs' } },
  additionalProperties: false,
} as const;

export const overrideBody = {
  type: 'object',
  properties: {
    machines: {
      type: 'integer',
      minimum: 0,
      maximum: 10000,
      description: 'Machines to run; within [min, max]',
    },
    ttl: {
      type: 'string',
      pattern: '^[0-9]+(ms|s|m|h)$',
      description: 'How long the override lasts, e.g. `30s`, `15m`, `2h` (max 7 days); or use expiresIn',
    },
    expiresIn: {
      type: 'integer',
      minimum: 1,
      maximum: 604800,
      description: 'How long the override lasts, in seconds; or use ttl',
    },
    reason: { type: 'string', maxLength: 500 },
  },
  required: ['machines'],
  additionalProperties: false,
} as const;

export const decisionsQuery = {
  type: 'object',
  properties: {
    app: { type: 'string', minLength: 1, maxLength: 128 },
    since: {
      type: 'integer',
      minimum: 0,
      description: 'Only decisions at or after this time, in ms since epoch',
    },
    limit: { type: 'integer', minimum: 1, maximum: 5000, default: 100, description: 'Newest N decisions' },
    full: { type: 'boolean', default: false, description: 'Include the decision inputs (for replay)' },
  },
  additionalProperties: false,
} as const;

export const appQuery = {
  type: 'object',
  properties: {
    decisions: {
      type: 'integer',
      minimum: 0,
      maximum: 500,
      default: 10,
      description: 'Last N decisions to include',
    },
  },
  additionalProperties: false,
} as const;
