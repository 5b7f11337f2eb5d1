import { MemoryBus } from '@governor/bus';
import { FakeProvider } from '@governor/provider-emulators/fake';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { Autoscaler } from '../src/autoscaler.js';
import { appPolicy, fixedDecide, secret, testConfig } from './fixtures/test-config.js';

const TOKEN = 's3cret-token-value';
const open: Array<{ api: FastifyInstance; a: Autoscaler }> = [];
afterEach(async () => {
  for (const { api, a } of open.splice(0)) {
    await api.close();
    await a.stop();
  }
});

/** A real API server on 127.0.0.1:0 over an autoscaler with app `web` (bounds 1..5). */
async function serve(token: string | undefined) {
  const config = testConfig([appPolicy('web', { min: 1, max: 5 })], {
    ...(token === 'unconfigured' ? {} : { apiToken: secret('GOVERNOR_API_TOKEN', token) }),
  });
  // A clock that moves 1 s per reading, so every tick has its own timestamp.
  let clock = 1_700_000_000_000;
  const now = () => (clock += 1000);
  const a = new Autoscaler({
    now,
    config,
    configHash: '0123456789abcdef',
    providers: { fake: new FakeProvider() },
    bus: new MemoryBus(),
    decide: fixedDecide(() => 2),
  });
  const api = await buildApi({ autoscaler: a, now });
  await api.listen({ host: '127.0.0.1', port: 0 });
  open.push({ api, a });
  const addr = api.server.address();
  const base = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  const call = async (method: string, path: string, body?: unknown, auth?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth) headers.authorization = auth;
    const res = await fetch(base + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { text };
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  return { a, call };
}

describe('API: mutations need the bearer token', () => {
  it('refuses a mutation without a token (401) and with a wrong token (401)', async () => {
    const { a, call } = await serve(TOKEN);
    const none = await call('POST', '/v1/apps/web/pause', {});
    expect(none.status).toBe(401);
    expect(none.json.error).toBe('GOV_SERVICE_UNAUTHORIZED');
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await call('POST', '/v1/apps/web/pause', {}, 'Bearer not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toBe('wrong bearer token');
    expect(a.requireApp('web').pause).toBeUndefined();
  });

  it('accepts the right token: pause, resume, override and clearing it', async () => {
    const { a, call } = await serve(TOKEN);
    const auth = `Bearer ${TOKEN}`;
    const paused = await call('POST', '/v1/apps/web/pause', { reason: 'incident 42' }, auth);
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ name: 'web', mode: 'paused', pause: { reason: 'incident 42' } });
    const resumed = await call('POST', '/v1/apps/web/resume', undefined, auth);
    expect(resumed.status).toBe(200);
    const bare = await call('POST', '/v1/apps/web/pause', undefined, auth);
    expect(bare.status, bare.text).toBe(200);
    await call('POST', '/v1/apps/web/resume', undefined, auth);
    expect(resumed.json).toMatchObject({ mode: 'active' });
    const o = await call(
      'POST',
      '/v1/apps/web/override',
      { machines: 4, ttl: '15m', reason: 'launch' },
      auth,
    );
    expect(o.status).toBe(200);
    const override = a.requireApp('web').override;
    expect(override?.machines).toBe(4);
    expect((override?.expiresAt ?? 0) - (override?.setAt ?? 0)).toBe(15 * 60_000);
    const cleared = await call('DELETE', '/v1/apps/web/override', undefined, auth);
    expect(cleared.status).toBe(200);
    expect(a.requireApp('web').override).toBeUndefined();
  });

  it('refuses every mutation with 403 and a clear message when no token is configured', async () => {
    const { call } = await serve('unconfigured');
    const r = await call('POST', '/v1/apps/web/pause', {}, 'Bearer anything');
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('GOV_SERVICE_MUTATIONS_DISABLED');
    expect(r.json.message).toContain('daemon.apiToken');
  });

  it('refuses mutations (403) when the token variable is referenced but not set', async () => {
    const { call } = await serve(undefined);
    const r = await call('POST', '/v1/apps/web/resume', undefined, 'Bearer ');
    expect(r.status).toBe(403);
  });
});

describe('API: input validation names the field', () => {
  const auth = `Bearer ${TOKEN}`;
  it.each([
    ['machines not an integer', { machines: 'many', ttl: '1m' }, 'machines'],
    ['machines missing', { ttl: '1m' }, 'machines'],
    ['negative machines', { machines: -1, ttl: '1m' }, 'machines'],
    ['unknown field', { machines: 2, ttl: '1m', replicas: 3 }, 'replicas'],
    ['malformed ttl', { machines: 2, ttl: 'soon' }, 'ttl'],
    ['no ttl at all', { machines: 2 }, 'ttl'],
    ['machines above the policy max', { machines: 9, ttl: '1m' }, 'machines'],
    ['machines below the policy min', { machines: 0, expiresIn: 60 }, 'machines'],
  ])('override with %s -> 400 naming %s', async (_case, body, field) => {
    const { call } = await serve(TOKEN);
    const r = await call('POST', '/v1/apps/web/override', body, auth);
    expect(r.status, r.text).toBe(400);
    expect(r.json.field).toBe(field);
    expect(String(r.json.message)).toContain(field);
  });

  it('rejects a malformed query parameter naming it', async () => {
    const { call } = await serve(TOKEN);
    const r = await call('GET', '/v1/decisions?since=yesterday');
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('since');
  });

  it('answers 404 for an unknown app', async () => {
    const { call } = await serve(TOKEN);
    const r = await call('GET', '/v1/apps/nope');
    expect(r.status).toBe(404);
    expect(r.json.error).toBe('GOV_SERVICE_UNKNOWN_APP');
    const m = await call('POST', '/v1/apps/nope/pause', {}, auth);
    expect(m.status).toBe(404);
  });
});

describe('API: reads', () => {
  it('serves health, readiness after the first tick, metrics, apps, decisions and OpenAPI', async () => {
    const { a, call } = await serve(TOKEN);
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/readyz')).status).toBe(503);
    await a.tickOnce();
    await a.queue.idle();
    expect((await call('GET', '/readyz')).status).toBe(200);

    const metrics = await call('GET', '/metrics');
    expect(metrics.text).toContain('governor_config_hash 1250999896491');
    expect(metrics.text).toContain('governor_config_last_reload_success 1');
    expect(metrics.text).toContain('governor_tick_duration_seconds_bucket');

    const apps = await call('GET', '/v1/apps');
    expect(apps.json.apps).toEqual([
      expect.objectContaining({ name: 'web', current: 0, desired: 2, bounds: { min: 1, max: 5 } }),
    ]);
    const web = await call('GET', '/v1/apps/web');
    const decisions = web.json.decisions as Array<Record<string, unknown>>;
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.explanation).toContain('web: 0 -> 2 machines');
    expect(decisions[0]).toMatchObject({ action: { result: 'ok' } });
    expect(decisions[0]?.decision).toBeDefined();
    expect(decisions[0]?.decision).not.toHaveProperty('inputs');

    await a.tickOnce();
    const since = (decisions[0]?.at as number) + 1;
    const later = await call('GET', `/v1/decisions?app=web&since=${since}&full=true`);
    const list = later.json.decisions as Array<Record<string, unknown>>;
    expect(list).toHaveLength(1);
    expect(list[0]?.at).toBeGreaterThanOrEqual(since);
    expect(list[0]?.decision).toHaveProperty('inputs');

    const spec = await call('GET', '/openapi.json');
    expect(spec.json.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.json.paths as object)).toEqual(
      expect.arrayContaining(['/v1/apps', '/v1/apps/{app}', '/v1/decisions', '/v1/apps/{app}/override']),
    );
  });
});
