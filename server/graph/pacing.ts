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

/**
 * Where a request waits for a turn: lower first. A priority view ("Refresh from Entra") goes ahead of all;
 * a single request ahead of $batch work; each runBatched call gets the next rank of its transport, so the
 * oldest call's envelopes go ahead of later calls' and it finishes first (a sync's credential chunks commit
 * in order instead of all advancing together: sync-kill.int.test.ts).
 */
export const priorityRank = Number.NEGATIVE_INFINITY;
export const singleRequestRank = 0;

/** Waiters woken lowest rank first, in arrival order within a rank. */
export class RankedWaiters {
  private readonly list: { rank: number; resolve: (handed: boolean) => void }[] = [];
  get size(): number {
    return this.list.length;
  }
  /** The best rank waiting, or Infinity when nobody waits. */
  get bestRank(): number {
    return this.list[0]?.rank ?? Number.POSITIVE_INFINITY;
  }
  /** Resolves when woken: `true` when the waker handed it a turn, `false` when it must look again. */
  wait(rank: number): Promise<boolean> {
    return new Promise((resolve) => {
      const at = this.list.findIndex((w) => w.rank > rank);
      this.list.splice(at === -1 ? this.list.length : at, 0, { rank, resolve });
    });
  }
  /** Wakes the best waiter; whether there was one. */
  wakeOne(handed: boolean): boolean {
    const w = this.list.shift();
    w?.resolve(handed);
    return w !== undefined;
  }
  wakeAll(): void {
    for (const w of this.list.splice(0)) w.resolve(false);
  }
}

/**
 * Requests in flight, at most the AIMD limit; waiters are served by rank. A freed slot is handed on at the
 * next turn of the event loop, so a lane that has just been answered can queue again at its rank before a
 * later rank's waiter takes its place; nobody takes a free slot while a better rank waits.
 */
export class AdaptiveSemaphore {
  private active = 0;
  private dispatching = false;
  private readonly waiting = new RankedWaiters();
  constructor(readonly limit: Aimd) {}
  async run<T>(fn: () => Promise<T>, rank: number): Promise<T> {
    for (;;) {
      if (this.active < this.limit.value && this.waiting.bestRank > rank) {
        this.active++;
        break;
      }
      if (await this.waiting.wait(rank)) break; // handed a slot: already counted
    }
    try {
      return await fn();
    } finally {
      this.active--;
      this.dispatchSoon();
    }
  }
  private dispatchSoon(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    setImmediate(() => {
      this.dispatching = false;
      while (this.active < this.limit.value && this.waiting.size > 0) {
        this.active++;
        this.waiting.wakeOne(true);
      }
    });
  }
}
