import { request } from 'node:http';

/**
 * GET `http://host:port/path`; true on a 2xx answer within `timeoutMs` (of
 * silence on the socket), false on anything else, on an error and once
 * `signal` aborts. Never rejects.
 */
export function probeHealth(
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host, port, path, method: 'GET', timeout: timeoutMs, agent: false, ...(signal ? { signal } : {}) },
      (res) => {
        res.resume();
        resolve(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
