// A client-wide hold per throttle bucket (docs/SYNC.md "Never dropping throttled work"). When Graph answers
// a request 429 with Retry-After (top level or an inner request of a $batch), every sender to the same
// bucket waits until that hold ends, instead of each lane retrying on its own and meeting another 429.
// After a 429 the bucket is "cautious": one $batch envelope at a time goes to it, sized one above the number
// of inner requests the bucket answered after the last hold (what it refills per Retry-After), until an
// envelope of 20 comes back with nothing throttled. So each envelope after a hold spends the refilled tokens,
// and its one extra inner request brings back the next Retry-After: about one envelope per refill instead
// of several envelopes racing for one token.

import { RankedWaiters, singleRequestRank } from "./pacing";

/** Graph's most inner requests per $batch: an envelope that big coming back whole ends the caution. */
const fullEnvelope = 20;

/** Which of Graph's throttle buckets a request (or a $batch's inner requests) counts against. */
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
  waiting: RankedWaiters;
}

/** What a sender holds while its envelope is out; `leave` says how the envelope came back. */
export interface HoldPass {
  /** How many inner requests this envelope may carry (Infinity when the bucket is not cautious). */
  readonly maxInner: number;
  /**
   * How the envelope came back: `answered` inner requests got a 2xx or a final answer; `throttled` when any
   * got a 429, with the longest wait given. `sent: false` when nothing went (no change to the bucket).
   * Returns when the hold a throttled envelope set ends (undefined when it set none).
   */
  leave(outcome: {
    sent?: boolean;
    throttled: boolean;
    answered?: number;
    retryAfterMs?: number;
  }): number | undefined;
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
        (s = {
          until: 0,
          cautious: false,
          refill: 1,
          lastHoldMs: 1000,
          inFlight: 0,
          waiting: new RankedWaiters(),
        }),
      );
    return s;
  }

  /**
   * Nobody sends to `bucket` before `retryAfterMs` from now (a hold only ever gets longer). Returns when
   * this hold ends: a sender that sleeps its own Retry-After passes it to waitOut as `waited`.
   */
  hold(bucket: ThrottleBucket, retryAfterMs: number): number {
    const s = this.state(bucket);
    const until = this.now() + retryAfterMs;
    if (until > s.until) {
      if (s.until <= this.now()) this.holdsStarted++;
      s.until = until;
    }
    s.cautious = true;
    return until;
  }

  /**
   * Resolves once no hold is on `bucket`. `waited`: the end of the hold the caller's own 429 set and that it
   * has slept through (hold() returned it); a hold that ends later (extended by anyone) is waited out.
   */
  async waitOut(bucket: ThrottleBucket, waited?: number): Promise<void> {
    const s = this.state(bucket);
    for (let seen = waited; s.until > this.now() && s.until !== seen;) {
      seen = s.until;
      await this.sleep(s.until - this.now());
    }
  }

  /**
   * Waits out the hold, and while the bucket is cautious, for its turn: one envelope at a time, and the next
   * turn goes to the best rank waiting (pacing.ts) — a priority view, then the oldest $batch call — so the
   * sync's earliest credential chunk finishes first instead of every chunk creeping on together. `own`: the
   * caller met the last 429 and sleeps its Retry-After whole first; it queues for the turn before it sleeps.
   */
  async enter(
    bucket: ThrottleBucket,
    rank = singleRequestRank,
    own?: { sleepMs: number; heldEnd: number },
  ): Promise<HoldPass> {
    const s = this.state(bucket);
    let turn = own && s.cautious ? s.waiting.wait(rank) : null;
    if (own) await this.sleep(own.sleepMs);
    // Handed the turn by the envelope that came back before (counted in inFlight on its behalf).
    let handed = false;
    for (;;) {
      if (turn) handed = await turn;
      await this.waitOut(bucket, own?.heldEnd);
      if (handed || !(s.cautious && (s.inFlight > 0 || s.waiting.bestRank <= rank))) break;
      turn = s.waiting.wait(rank);
    }
    if (!handed) s.inFlight++;
    let left = false;
    const wasCautious = s.cautious;
    return {
      maxInner: s.cautious ? s.refill + 1 : Number.POSITIVE_INFINITY,
      leave: ({ sent = true, throttled, answered = 0, retryAfterMs }) => {
        if (left) return undefined;
        left = true;
        let heldEnd: number | undefined;
        s.inFlight--;
        if (!sent) {
          // Nothing went out: the bucket learned nothing.
        } else if (throttled) {
          // Sent alone after a hold, it measured the refill; in a burst, the best envelope of it did.
          s.refill = Math.max(1, answered, !wasCautious && s.cautious ? s.refill : 0);
          s.lastHoldMs = retryAfterMs ?? 1000;
          heldEnd = this.hold(bucket, s.lastHoldMs);
        } else if (s.cautious) {
          // The bucket took all of it: a full envelope ends the caution; otherwise twice as many go next,
          // after the same wait again, so that the next envelope measures a whole refill too.
          s.refill = Math.max(s.refill, 2 * answered);
          if (answered >= fullEnvelope) s.cautious = false;
          else this.hold(bucket, s.lastHoldMs);
        }
        this.handOn(s);
        return heldEnd;
      },
    };
  }

  /**
   * After an envelope came back: no longer cautious, every waiter goes; still cautious and nothing out, the
   * best-ranked waiter gets the one turn (it waits out the hold first). Decided at the next turn of the
   * event loop, so the sender that met the 429 has queued by then and competes for the turn by its rank.
   */
  private handOn(s: BucketState): void {
    setImmediate(() => {
      if (!s.cautious) s.waiting.wakeAll();
      else if (s.inFlight === 0 && s.waiting.size > 0) {
        s.inFlight++;
        s.waiting.wakeOne(true);
      }
    });
  }

  /** For tests and the bench's report: whether senders to `bucket` are held now. */
  heldUntil(bucket: ThrottleBucket): number {
    return this.state(bucket).until;
  }
}
