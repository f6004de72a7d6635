// A client-wide hold per throttle bucket (docs/SYNC.md "Never dropping throttled work"). When Graph answers
// a request 429 with Retry-After (top level or an inner request of a $batch), every sender to the same
// bucket waits until that hold ends, instead of each lane retrying on its own and meeting another 429.
// After a 429 the bucket is "cautious": one $batch envelope at a time goes to it, sized one above the number
// of inner requests the bucket answered after the last hold (what it refills per Retry-After), until an
// envelope of 20 comes back with nothing throttled. So each envelope after a hold spends the refilled tokens,
// and its one extra inner request brings back the next Retry-After: about one envelope per refill instead
// of several envelopes racing for one token.

/** Which of Graph's throttle buckets a request (or a $batch's inner requests) counts against. */
/** Graph's most inner requests per $batch: an envelope that big coming back whole ends the caution. */
const fullEnvelope = 20;

export type ThrottleBucket = "authenticationMethods" | "reports" | "directory";

/** Relative or absolute URL → bucket. Only a path is looked at; the query never decides. */
export function bucketOf(url: string): ThrottleBucket {
  const path = (url.split("?")[0] ?? url).replace(/^https?:\/\/[^/]+/, "").replace(/^\/(v1\.0|beta)/, "");
  if (/^\/users\/[^/]+\/authentication\//i.test(path)) return "authenticationMethods";
  if (/^\/(reports|auditLogs)\//i.test(path)) return "reports";
  return "directory";
}

/** The bucket a whole envelope counts against: its inner requests' bucket when they share one. */
export function bucketOfAll(urls: readonly string[]): ThrottleBucket {
  const buckets = new Set(urls.map(bucketOf));
  return buckets.size === 1 ? [...buckets][0]! : "directory";
}

interface BucketState {
  /** Clock ms until which nobody sends to this bucket. */
  until: number;
  cautious: boolean;
  /** Inner requests answered in the last throttled envelope: what the bucket had after the hold. */
  refill: number;
  /** The length of the last hold: an envelope that comes back whole while cautious waits it again. */
  lastHoldMs: number;
  inFlight: number;
  waiting: { resolve: () => void }[];
}

/** What a sender holds while its envelope is out; `leave` says how the envelope came back. */
export interface HoldPass {
  /** How many inner requests this envelope may carry (Infinity when the bucket is not cautious). */
  readonly maxInner: number;
  /**
   * How the envelope came back: `answered` inner requests got a 2xx or a final answer; `throttled` when any
   * got a 429, with the longest wait given. `sent: false` when nothing went (no change to the bucket).
   */
  leave(outcome: { sent?: boolean; throttled: boolean; answered?: number; retryAfterMs?: number }): void;
}

export class ThrottleHolds {
  private readonly buckets = new Map<ThrottleBucket, BucketState>();
  /** Holds started, for tests and the bench: a burst of 429s for one bucket counts once per extension. */
  holdsStarted = 0;

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  private state(bucket: ThrottleBucket): BucketState {
    let s = this.buckets.get(bucket);
    if (!s)
      this.buckets.set(
        bucket,
        (s = { until: 0, cautious: false, refill: 1, lastHoldMs: 1000, inFlight: 0, waiting: [] }),
      );
    return s;
  }

  /** Nobody sends to `bucket` before `retryAfterMs` from now (a hold only ever gets longer). */
  hold(bucket: ThrottleBucket, retryAfterMs: number): void {
    const s = this.state(bucket);
    const until = this.now() + retryAfterMs;
    if (until > s.until) {
      if (s.until <= this.now()) this.holdsStarted++;
      s.until = until;
    }
    s.cautious = true;
  }

  /** Resolves once no hold is on `bucket`. */
  /**
   * Resolves once no hold is on `bucket`. `waited`: the end of a hold the caller has already slept through
   * (the sender that met the 429 waits its Retry-After whole); a hold extended since is waited again.
   */
  async waitOut(bucket: ThrottleBucket, waited?: number): Promise<void> {
    const s = this.state(bucket);
    for (let seen = waited; s.until > this.now() && s.until !== seen;) {
      seen = s.until;
      await this.sleep(s.until - this.now());
    }
  }

  /**
   * Waits out the hold, and while the bucket is cautious, for the envelope already out to come back.
   * Priority senders ("Refresh from Entra") go ahead of those already waiting.
   */
  async enter(bucket: ThrottleBucket, priority = false, waited?: number): Promise<HoldPass> {
    const s = this.state(bucket);
    for (;;) {
      await this.waitOut(bucket, waited);
      if (!(s.cautious && s.inFlight > 0)) break;
      await new Promise<void>((resolve) =>
        priority ? s.waiting.unshift({ resolve }) : s.waiting.push({ resolve }),
      );
    }
    s.inFlight++;
    let left = false;
    const wasCautious = s.cautious;
    return {
      maxInner: s.cautious ? s.refill + 1 : Number.POSITIVE_INFINITY,
      leave: ({ sent = true, throttled, answered = 0, retryAfterMs }) => {
        if (left) return;
        left = true;
        s.inFlight--;
        if (!sent) {
          // Nothing went out: the bucket learned nothing.
        } else if (throttled) {
          // Sent alone after a hold, it measured the refill; in a burst, the best envelope of it did.
          s.refill = Math.max(1, answered, !wasCautious && s.cautious ? s.refill : 0);
          s.lastHoldMs = retryAfterMs ?? 1000;
          this.hold(bucket, s.lastHoldMs);
        } else if (s.cautious) {
          // The bucket took all of it: a full envelope ends the caution; otherwise twice as many go next,
          // after the same wait again, so that the next envelope measures a whole refill too.
          s.refill = Math.max(s.refill, 2 * answered);
          if (answered >= fullEnvelope) s.cautious = false;
          else this.hold(bucket, s.lastHoldMs);
        }
        // Every waiter looks again: it waits out a new hold, or goes if the bucket is no longer cautious.
        for (const w of s.waiting.splice(0)) w.resolve();
      },
    };
  }

  /** For tests and the bench's report: whether senders to `bucket` are held now. */
  heldUntil(bucket: ThrottleBucket): number {
    return this.state(bucket).until;
  }
}
