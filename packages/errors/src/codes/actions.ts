/** Error codes of the actions domain. Add new codes at the end; never reuse one. */
export const ACTION_CODES = {
  GOV_ACTION_UNKNOWN: 'An unexpected actions error',
  GOV_ACTION_QUEUE_CLOSED: 'The action queue is closed; no new scale actions are accepted',
  GOV_ACTION_TIMEOUT: 'A scale action did not finish within its timeout and was aborted',
  GOV_ACTION_FAILED: 'A scale action failed (listing machines or a provider step threw)',
  GOV_ACTION_STALE_FENCING_TOKEN:
    'A scale action carried a fencing token older than the current lease; refused',
  GOV_ACTION_INVALID_REQUEST:
    'A scale action request is malformed (empty app, negative or non-integer desired count)',
  GOV_ACTION_LOCK_LOST:
    'A stalled worker lost the job lock of a scale action to another worker; it stopped before its next provider call',
} as const;
