/**
 * Parses `OTEL_RESOURCE_ATTRIBUTES` as the OpenTelemetry specification
 * defines it: `key1=value1,key2=value2`, keys and values trimmed, values
 * percent-decoded. A malformed entry (no `=`, empty key, bad escape) is
 * skipped and reported in `invalid`, so a typo never stops a service.
 */
export function parseResourceAttributes(raw: string | undefined): {
  attributes: Record<string, string>;
  invalid: string[];
} {
  const attributes: Record<string, string> = {};
  const invalid: string[] = [];
  for (const entry of (raw ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    const key = eq < 0 ? '' : entry.slice(0, eq).trim();
    if (!key) {
      invalid.push(entry);
      continue;
    }
    try {
      attributes[key] = decodeURIComponent(entry.slice(eq + 1).trim());
    } catch {
      invalid.push(entry);
    }
  }
  return { attributes, invalid };
}
