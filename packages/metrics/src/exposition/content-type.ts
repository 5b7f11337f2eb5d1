import type { ExpositionFormat } from './types.js';

/**
 * Picks the exposition grammar from a scrape's `Content-Type`:
 * `application/openmetrics-text` is OpenMetrics 1.0.0, anything else
 * (including a missing header and `text/plain; version=0.0.4`) is the
 * Prometheus text format.
 */
export function formatFromContentType(contentType?: string): ExpositionFormat {
  if (contentType === undefined) return 'text';
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/openmetrics-text' ? 'openmetrics' : 'text';
}
