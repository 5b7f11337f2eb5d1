/** Error codes of the bus domain. Add new codes at the end; never reuse one. */
export const BUS_CODES = {
  GOV_BUS_UNKNOWN: 'An unexpected bus error',
  GOV_BUS_UNAVAILABLE: 'Redis cannot be reached or did not answer in time (the operation can be retried)',
  GOV_BUS_CLOSED: 'The bus or registry was used after close()',
  GOV_BUS_INVALID_SNAPSHOT: 'A snapshot to publish is malformed (version, identity or window)',
  GOV_BUS_DECODE: 'A stored snapshot or registry entry is not the JSON shape expected',
  GOV_BUS_INVALID_ARGUMENT: 'A bus or registry call got an invalid argument (empty name, TTL not positive)',
} as const;
