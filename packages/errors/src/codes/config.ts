/** Error codes of the config domain. Add new codes at the end; never reuse one. */
export const CONFIG_CODES = {
  GOV_CONFIG_UNKNOWN: 'An unexpected config error',
  GOV_CONFIG_FILE_UNREADABLE: 'The config file cannot be read',
  GOV_CONFIG_YAML_SYNTAX: 'The config file is not valid YAML',
  GOV_CONFIG_VERSION: 'The config version is missing or not supported',
  GOV_CONFIG_UNKNOWN_KEY: 'A key that the schema does not know (with a suggestion when one is close)',
  GOV_CONFIG_MISSING_KEY: 'A required key is missing',
  GOV_CONFIG_TYPE: 'A value has the wrong type',
  GOV_CONFIG_ENUM: 'A value is not one of the allowed choices',
  GOV_CONFIG_RANGE: 'A number is out of its allowed range',
  GOV_CONFIG_DURATION: 'A duration is malformed (use 500ms, 30s, 5m, 1h)',
  GOV_CONFIG_PERCENT: 'A percentage is malformed (use 70% or 0.7)',
  GOV_CONFIG_ENV_SYNTAX: 'A secret is not given as an ${ENV_VAR} reference',
  GOV_CONFIG_ENV_UNSET: 'A referenced environment variable is not set',
  GOV_CONFIG_MIN_MAX: 'A minimum is greater than its maximum',
  GOV_CONFIG_REGION_BOUNDS: 'Region bounds do not fit within the app bounds',
  GOV_CONFIG_DUPLICATE: 'A name is used twice',
  GOV_CONFIG_REFERENCE: 'A reference names something that does not exist',
  GOV_CONFIG_CRON: 'A cron expression or time zone is invalid',
  GOV_CONFIG_TARGET: 'A metric target is incomplete or inconsistent',
  GOV_CONFIG_PATTERN: 'A string does not match its required pattern',
  GOV_CONFIG_LISTEN_EXPOSED:
    'The API would listen beyond loopback with neither an API token nor reads opened on purpose',
  GOV_CONFIG_HISTORY_MEMORY:
    'daemon.historySize decision records for every app would take more than half the heap (a warning at start)',
} as const;
