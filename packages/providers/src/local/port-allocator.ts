import { createServer } from 'node:net';
import { PermanentProviderError } from '../errors.js';

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Hands out ports of an inclusive range, skipping ones in use by anyone. */
export class PortAllocator {
  private readonly taken = new Set<number>();
  private next: number;

  constructor(private readonly range: readonly [number, number]) {
    this.next = range[0];
  }

  /** A free port, reserved until {@link release}. */
  async allocate(): Promise<number> {
    const [lo, hi] = this.range;
    const size = hi - lo + 1;
    for (let i = 0; i < size; i++) {
      const port = lo + ((this.next - lo + i) % size);
      if (this.taken.has(port)) continue;
      this.taken.add(port);
      if (await canBind(port)) {
        this.next = port + 1 > hi ? lo : port + 1;
        return port;
      }
      this.taken.delete(port);
    }
    throw new PermanentProviderError('GOV_PROVIDER_CAPACITY', `no free port in ${lo}-${hi}`, {
      details: { portRange: [lo, hi] },
    });
  }

  release(port: number): void {
    this.taken.delete(port);
  }
}
