import type { History } from './types.js';

/** A fresh history for an app that has never been decided. */
export function emptyHistory(): History {
  return { version: 1, recommendations: [], events: [], failures: 0 };
}
