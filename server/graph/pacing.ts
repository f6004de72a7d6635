// How fast the transport talks to Graph: limits that back off on 429s and grow back slowly (docs/SYNC.md).

/**
 * Additive increase, multiplicative decrease: a value that halves on a 429 (at most once per second, so
 * one burst of 429s counts once) and grows by one per `value` successes, between 1 and `max`.
 */
export class Aimd {
  private v: number;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  constructor(
    readonly max: number,
    private readonly now: () => number = Date.now,
  ) {
    this.v = max;
  }
  get value(): number {
    return Math.max(1, Math.floor(this.v));
  }
  throttled(now = this.now()): void {
    if (now - this.lastDecrease < 1000) return;
    this.lastDecrease = now;
    this.v = Math.max(1, this.v / 2);
  }
  succeeded(): void {
    this.v = Math.min(this.max, this.v + 1 / this.v);
  }
}

/** Requests in flight, at most the AIMD limit; priority waiters are served first. */
export class AdaptiveSemaphore {
  private active = 0;
  private readonly waiting: { resolve: () => void }[] = [];
  constructor(readonly limit: Aimd) {}
  async run<T>(fn: () => Promise<T>, priority: boolean): Promise<T> {
    while (this.active >= this.limit.value) {
      await new Promise<void>((resolve) =>
        priority ? this.waiting.unshift({ resolve }) : this.waiting.push({ resolve }),
      );
    }
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.resolve();
    }
  }
}
