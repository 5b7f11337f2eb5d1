/** Error codes of the services domain. Add new codes at the end; never reuse one. */
export const SERVICE_CODES = {
  GOV_SERVICE_UNKNOWN: 'An unexpected services error',
  GOV_SERVICE_TICK_TIMEOUT:
    'An autoscaler tick (or another periodic run) exceeded its timeout and was abandoned',
  GOV_SERVICE_APP_TICK_FAILED:
    'Deciding for one app failed this tick (provider list, snapshots or decide threw); other apps went on',
  GOV_SERVICE_UNKNOWN_APP: 'The API named an app that is not in the loaded config',
  GOV_SERVICE_UNAUTHORIZED: 'A mutating API call had no bearer token or a wrong one',
  GOV_SERVICE_MUTATIONS_DISABLED:
    'A mutating API call was refused because no API token is configured (daemon.apiToken)',
  GOV_SERVICE_INVALID_REQUEST: 'An API request failed validation; the message names the field',
  GOV_SERVICE_CONFIG_RELOAD_FAILED: 'Reloading the config file failed; the previous config stays in force',
  GOV_SERVICE_UNKNOWN_PROVIDER:
    'An app names a provider that the daemon did not start (provider changes need a restart)',
  GOV_SERVICE_OVERRIDE_OUT_OF_BOUNDS:
    'A manual override asked for a machine count outside the app policy bounds [min, max]',
  GOV_SERVICE_UP_UNSUPPORTED_PROVIDER:
    '`governor up` runs local providers only; an app of the config uses another provider type',
  GOV_SERVICE_NOT_LEADER:
    'This autoscaler replica does not hold the leader lease (or lost it mid-tick); it neither saves history nor enqueues actions',
  GOV_SERVICE_INVALID_ENV:
    'The daemon process got an invalid flag or environment variable (e.g. cluster mode without a Redis URL)',
} as const;
