/** Error codes of the bus domain. Add new codes at the end; never reuse one. */
export const BUS_CODES = {
  GOV_BUS_UNKNOWN: 'An unexpected bus error',
} as const;
