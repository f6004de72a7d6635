// What a Graph request is, what it answers, and the counters and budget of one view of the port
// (withBudget): the vocabulary transport.ts, batch.ts and the adapter share.
import type { GraphCounters } from "./port";
import type { ThrottleBucket } from "./throttle-holds";
import type { GraphTime } from "./time-scale";

export interface GraphLogger {
  debug?(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
}

export interface TransportOptions {
  logger?: GraphLogger;
  /** Injectable for tests: how to wait before a retry. */
  sleep?: (ms: number) => Promise<void>;
  /** The sync bench's scaled time line (time-scale.ts); real time when absent, as in production. */
  time?: GraphTime;
  random?: () => number;
  /** Retries after the first try (429, 5xx, timeout). Default 5. */
  maxRetries?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Requests allowed for this adapter (or withBudget view); null = unbounded. */
  budget?: number | null;
  /** Backoff when Graph gives no Retry-After: base and ceiling in ms. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Never wait longer than this for one Retry-After. Default 120 s. */
  maxRetryAfterSeconds?: number;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface RequestSpec {
  operation: string;
  method: "GET" | "POST" | "DELETE" | "PATCH";
  /** Relative to the version (`/users?...`) or an absolute nextLink, followed verbatim. */
  url: string;
  version?: "v1.0" | "beta";
  body?: unknown;
  headers?: Record<string, string>;
  /** The throttle bucket it counts against (throttle-holds.ts); from the URL when absent. */
  bucket?: ThrottleBucket;
  /** Where it waits for a slot, lower first (pacing.ts); a single request's rank when absent. */
  rank?: number;
  /** The caller already waited out the bucket's hold for the first try (batch.ts). */
  gated?: boolean;
  /** Safe to send again after a 5xx or a timeout. 429s are always retried (Graph did not act). */
  idempotent?: boolean;
}

export interface ViewOptions {
  /** Epoch ms: 429s are retried (after their Retry-After) for as long as the wait ends before this. */
  deadline?: number | null;
  /** Goes ahead of other views' requests waiting for a concurrency slot ("Refresh from Entra"). */
  priority?: boolean;
}

export class Counters {
  requests = 0;
  throttled = 0;
  retries = 0;
  readonly deadline: number | null;
  readonly priority: boolean;
  constructor(
    readonly budget: number | null,
    view: ViewOptions = {},
  ) {
    this.deadline = view.deadline ?? null;
    this.priority = view.priority ?? false;
  }
  /** Whether a throttled request may wait `waitMs` and try again (`attempt` = retries so far). */
  mayRetryThrottled(attempt: number, waitMs: number, maxRetries: number, now = Date.now()): boolean {
    return this.deadline === null ? attempt < maxRetries : now + waitMs < this.deadline;
  }
  snapshot(): GraphCounters {
    return {
      requests: this.requests,
      throttled: this.throttled,
      retries: this.retries,
      budgetRemaining: this.budget === null ? null : Math.max(0, this.budget - this.requests),
    };
  }
}
