import { packageVersion } from '@governor/telemetry';

/** This service's version (its package.json), the `service.version` of its spans. */
export const VERSION: string = packageVersion(import.meta.url);
