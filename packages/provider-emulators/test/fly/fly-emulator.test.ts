import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FlyEmulator, startFlyEmulator } from '../../src/fly/start-fly-emulator.js';
import { webConfig } from '../support/fly-template.js';

let emu: FlyEmulator;
beforeEach(async () => {
  emu = await startFlyEmulator({ apps: ['web'], timings: { boot: 200, stop: 400, destroy: 10, health: 10 } });
});
afterEach(async () => {
  await emu.close();
});

async function api(
  method: string,
  path: string,
  opts: { body?: unknown; nonce?: string; auth?: string } = {},
) {
  const headers: Record<string, string> = { authorization: opts.auth ?? `Bearer ${emu.token}` };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.nonce) headers['fly-machine-lease-nonce'] = opts.nonce;
  const res = await fetch(`${emu.url}/v1${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    requestId: res.headers.get('fly-request-id'),
    retryAfter: res.headers.get('retry-after'),
  };
}

describe('Fly Machines API emulator', () => {
  it('answers 401 with the real error body for a missing or bad token, and accepts FlyV1 too', async () => {
    expect(await api('GET', '/apps/web/machines', { auth: 'Bearer nope' })).toMatchObject({
      status: 401,
      body: { error: 'Authenticate: token validation error' },
    });
    expect((await api('GET', '/apps/web/machines', { auth: `FlyV1 ${emu.token}` })).status).toBe(200);
  });

  it('creates (booting or skip_launch), lists with filters, and tags answers with fly-request-id', async () => {
    const a = await api('POST', '/apps/web/machines', { body: { config: webConfig(), region: 'ams' } });
    expect(a).toMatchObject({ status: 200, body: { state: 'starting', region: 'ams' } });
    expect(a.requestId).toBeTruthy();
    const b = await api('POST', '/apps/web/machines', {
      body: { config: webConfig(), region: 'ord', skip_launch: true },
    });
    expect(b.body.state).toBe('created');
    const ord = await api('GET', '/apps/web/machines?region=ord');
    expect(ord.body.map((m: { id: string }) => m.id)).toEqual([b.body.id]);
    const none = await api('GET', '/apps/web/machines?metadata.fly_process_group=worker');
    expect(none.body).toEqual([]);
    expect(await api('POST', '/apps/web/machines', { body: { config: {} } })).toMatchObject({ status: 400 });
    expect(await api('GET', '/apps/nope/machines')).toMatchObject({ status: 404 });
    expect(await api('GET', '/apps/web/machines/nope')).toMatchObject({ status: 404 });
  });

  it('moves through the state machine with its timings, and wait answers 200 or 408', async () => {
    const created = (
      await api('POST', '/apps/web/machines', { body: { config: webConfig(), region: 'ams' } })
    ).body;
    const id = created.id;
    const inst = created.instance_id;
    expect((await api('GET', `/apps/web/machines/${id}/wait?state=started&timeout=5`)).status).toBe(200);
    expect((await api('GET', `/apps/web/machines/${id}`)).body.state).toBe('started');
    expect((await api('GET', `/apps/web/machines/${id}/wait?state=stopped&timeout=1`)).status).toBe(400);
    expect(
      (await api('GET', `/apps/web/machines/${id}/wait?state=stopped&timeout=1&instance_id=${inst}`)).status,
    ).toBe(408);
    expect((await api('POST', `/apps/web/machines/${id}/stop`)).body).toEqual({ ok: true });
    expect((await api('GET', `/apps/web/machines/${id}`)).body.state).toBe('stopping');
    expect((await api('POST', `/apps/web/machines/${id}/suspend`)).status).toBe(412);
    expect(
      (await api('GET', `/apps/web/machines/${id}/wait?state=stopped&timeout=5&instance_id=${inst}`)).status,
    ).toBe(200);
    expect((await api('POST', `/apps/web/machines/${id}/start`)).body).toMatchObject({
      previous_state: 'stopped',
    });
  });

  it('refuses to delete a started machine without force, and deletes with force or kill', async () => {
    const a = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    const b = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    expect((await api('DELETE', `/apps/web/machines/${a}`)).status).toBe(412);
    expect((await api('DELETE', `/apps/web/machines/${a}?force=true`)).status).toBe(200);
    expect((await api('DELETE', `/apps/web/machines/${b}?kill=true`)).status).toBe(200);
    // Both, not only a: b's destroy began a request later and may finish after a's.
    for (const id of [a, b]) {
      expect((await api('GET', `/apps/web/machines/${id}/wait?state=destroyed&timeout=5`)).status).toBe(200);
    }
    expect((await api('GET', '/apps/web/machines')).body).toEqual([]);
    expect((await api('GET', '/apps/web/machines?include_deleted=true')).body.length).toBe(2);
    expect((await api('DELETE', `/apps/web/machines/${a}?force=true`)).status).toBe(404);
  });

  it('leases: 201 with a nonce, 409 for anyone else, mutations need the nonce, release needs it too', async () => {
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    const lease = await api('POST', `/apps/web/machines/${id}/lease`, { body: { ttl: 30 } });
    expect(lease).toMatchObject({
      status: 201,
      body: { status: 'success', data: { nonce: expect.any(String) } },
    });
    const nonce = lease.body.data.nonce as string;
    expect((await api('POST', `/apps/web/machines/${id}/lease`, { body: { ttl: 30 } })).status).toBe(409);
    expect((await api('POST', `/apps/web/machines/${id}/stop`)).status).toBe(409);
    expect((await api('POST', `/apps/web/machines/${id}/stop`, { nonce: 'wrong' })).status).toBe(409);
    expect((await api('POST', `/apps/web/machines/${id}/stop`, { nonce })).status).toBe(200);
    expect((await api('GET', `/apps/web/machines/${id}/lease`)).body.data.nonce).toBe(nonce);
    expect((await api('DELETE', `/apps/web/machines/${id}/lease`)).status).toBe(400);
    expect((await api('DELETE', `/apps/web/machines/${id}/lease`, { nonce })).status).toBe(200);
    expect((await api('GET', `/apps/web/machines/${id}/lease`)).status).toBe(404);
  });

  it('answers 429 with Retry-After beyond the read limit (burst 10)', async () => {
    await emu.close();
    emu = await startFlyEmulator({ apps: ['web'], now: () => 1_000_000 }); // a frozen clock: no refill
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await api('GET', `/apps/web/machines/${id}`));
    expect(answers.slice(0, 10).every((a) => a.status === 200)).toBe(true);
    expect(answers[10]).toMatchObject({
      status: 429,
      body: { error: 'rate limit exceeded' },
      retryAfter: '1',
    });
  });

  it('reports health checks: warning while booting, passing after the health delay, critical when forced', async () => {
    const id = (await api('POST', '/apps/web/machines', { body: { config: webConfig(), region: 'ams' } }))
      .body.id;
    expect((await api('GET', `/apps/web/machines/${id}`)).body.checks[0].status).not.toBe('passing');
    await api('GET', `/apps/web/machines/${id}/wait?state=started&timeout=5`);
    await new Promise((r) => setTimeout(r, 30));
    expect((await api('GET', `/apps/web/machines/${id}`)).body.checks[0].status).toBe('passing');
    emu.faults.setChecks('web', id, 'critical');
    expect((await api('GET', `/apps/web/machines/${id}`)).body.checks[0].status).toBe('critical');
  });
});
