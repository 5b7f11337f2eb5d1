import { GovernorError } from '@governor/errors';
import type { InstanceSnapshot } from '@governor/metrics';
import type { Machine, MachineHealth, MachineState } from '@governor/providers';

/** The base URL of a daemon's API from its `daemon.listen` (a wildcard host becomes loopback). */
export function daemonUrl(listen: string): string {
  const host = listen.replace(/^0\.0\.0\.0:/, '127.0.0.1:').replace(/^\[::\]:/, '[::1]:');
  return `http://${host}`;
}

/** Reads what `governor eval` needs from a running daemon's API: an app's machines and snapshots. */
export class DaemonClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeout = 5000,
  ) {}

  /** The machines the daemon saw at its last tick of `app`. */
  async machines(app: string): Promise<Machine[]> {
    const body = (await this.get(`/v1/apps/${encodeURIComponent(app)}`)) as {
      machines?: { id: string; region: string; state: string; health: string; address?: string }[];
    };
    return (body.machines ?? []).map((m) => ({
      id: m.id,
      app,
      region: m.region,
      state: m.state as MachineState,
      health: m.health as MachineHealth,
      createdAt: 0,
      ...(m.address === undefined ? {} : { address: m.address }),
    }));
  }

  /** The newest sidecar snapshot per instance of `app`. */
  async snapshots(app: string): Promise<InstanceSnapshot[]> {
    const body = (await this.get(`/v1/apps/${encodeURIComponent(app)}/snapshots`)) as {
      snapshots?: InstanceSnapshot[];
    };
    return body.snapshots ?? [];
  }

  private async get(path: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(this.timeout) });
    } catch (err) {
      throw new GovernorError(
        'GOV_SOURCE_UNREACHABLE',
        `no daemon answers at ${this.baseUrl} (${(err as { cause?: { code?: string } }).cause?.code ?? String(err)}); ` +
          'the sidecar source reads a running daemon: start one with `governor up --config FILE`',
        { cause: err },
      );
    }
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok) {
      throw new GovernorError(
        'GOV_SOURCE_QUERY_FAILED',
        `daemon at ${this.baseUrl} answered ${res.status} to ${path}: ${body.message ?? ''}`,
      );
    }
    return body;
  }
}
