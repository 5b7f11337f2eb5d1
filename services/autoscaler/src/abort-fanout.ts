/**
 * Makes any number of promises reject with a signal's reason as soon as it
 * aborts, through one listener on the signal (a tick of a shard's hundreds
 * of apps shares one signal; a listener each would cost an add and a remove
 * per app and trip Node's listener-leak warning).
 */
export class AbortFanout {
  private readonly waiting = new Set<(reason: unknown) => void>();

  constructor(private readonly signal: AbortSignal) {
    if (!signal.aborted)
      signal.addEventListener(
        'abort',
        () => {
          for (const reject of this.waiting) reject(signal.reason);
          this.waiting.clear();
        },
        { once: true },
      );
  }

  /** Resolves like `promise`, or rejects with the signal's reason as soon as it aborts. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      promise.then(
        (v) => {
          this.waiting.delete(reject);
          resolve(v);
        },
        (e: unknown) => {
          this.waiting.delete(reject);
          reject(e);
        },
      );
    });
  }
}
