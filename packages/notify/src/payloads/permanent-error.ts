/**
 * A notification that cannot succeed by retrying (a missing secret, a 4xx
 * answer): delivery stops at once and the failure is counted.
 */
export class PermanentNotifyError extends Error {
  override readonly name = 'PermanentNotifyError';
}
