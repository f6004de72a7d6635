// One HTTP request to Graph through the SDK, with the rules every call obeys: the budget, the adaptive
// concurrency limit, the timeout, Retry-After and bounded exponential backoff, typed errors. A view with a
// deadline (a sync run's time budget) keeps retrying throttled requests until the deadline instead of
// giving up after maxRetries: throttled work is delayed, never dropped (docs/SYNC.md).
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  ResponseType,
} from "@microsoft/microsoft-graph-client";
import { GraphError } from "./errors";
import { tokenErrorName, type TokenSource } from "./auth";
import { Aimd, AdaptiveSemaphore, priorityRank, singleRequestRank } from "./pacing";
import { bucketOf, ThrottleHolds } from "./throttle-holds";
import { benchClockHeader, realTime } from "./time-scale";
import { errorFromResponse, retryAfterSeconds } from "./response-errors";
import type { Counters, GraphLogger, RequestSpec, TransportOptions, WireResponse } from "./transport-types";

// Kept importable from here: the adapter, batch.ts and the tests name them through this module.
export { Aimd } from "./pacing";
export { errorFromResponse, retryAfterSeconds } from "./response-errors";
export {
  Counters,
  type GraphLogger,
  type RequestSpec,
  type TransportOptions,
  type ViewOptions,
  type WireResponse,
} from "./transport-types";

const isRetriableStatus = (status: number) =>
  status === 429 || status === 500 || status === 502 || status === 503 || status === 504;

/** Paths only: query strings can carry user ids and filters, bodies can carry a TAP. */
function pathForLog(url: string): string {
  const noQuery = url.split("?")[0] ?? url;
  return noQuery.replace(/^https?:\/\/[^/]+/, "");
}

export class Transport {
  readonly client: Client;
  private readonly semaphore: AdaptiveSemaphore;
  /** Requests in flight at once: halves on 429s, grows back slowly. */
  readonly concurrency: Aimd;
  /** Inner requests per $batch envelope (batch.ts): halves on inner 429s, grows back slowly. */
  readonly batchSize: Aimd;
  /** Client-wide holds after a Retry-After, per throttle bucket (throttle-holds.ts). */
  readonly holds: ThrottleHolds;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  private readonly scaled: boolean;
  private readonly random: () => number;
  readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxRetryAfterSeconds: number;
  readonly logger?: GraphLogger;
  private lastRank = singleRequestRank;

  constructor(
    baseUrl: string,
    private readonly tokens: TokenSource,
    options: TransportOptions,
  ) {
    const url = new URL(baseUrl);
    this.client = Client.initWithMiddleware({
      baseUrl: url.origin,
      defaultVersion: "v1.0",
      // No SDK RetryHandler: retries are ours, so they are counted, budgeted and testable.
      middleware: [new AuthenticationHandler(tokens), new HTTPMessageHandler()],
      // The SDK only attaches the bearer token over https to Graph hosts and to these.
      customHosts: new Set([url.hostname]),
    });
    const time = options.time ?? realTime;
    this.now = time.now;
    this.scaled = time.scale !== 1;
    this.concurrency = new Aimd(Math.max(1, options.concurrency ?? 8), time.now);
    this.batchSize = new Aimd(20, time.now);
    this.semaphore = new AdaptiveSemaphore(this.concurrency);
    this.sleep = options.sleep ?? time.sleep;
    this.holds = new ThrottleHolds(this.now, this.sleep);
    this.random = options.random ?? Math.random;
    this.maxRetries = options.maxRetries ?? 5;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 120;
    this.logger = options.logger;
  }

  /** The rank of a new runBatched call: after every call before it (pacing.ts, "Where a request waits"). */
  nextRank(): number {
    return ++this.lastRank;
  }

  /** Where a request of this view waits for a slot or a hold: a priority view first, whatever the spec says. */
  rankOf(spec: { rank?: number }, counters: Counters): number {
    return counters.priority ? priorityRank : (spec.rank ?? singleRequestRank);
  }

  /** How long to wait before retry number `attempt` (0-based). */
  delayMs(attempt: number, retryAfter: number | undefined): number {
    if (retryAfter !== undefined) return Math.min(retryAfter, this.maxRetryAfterSeconds) * 1000;
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  private spend(counters: Counters, operation: string): void {
    if (counters.budget !== null && counters.requests >= counters.budget) {
      throw new GraphError({
        kind: "budget_exhausted",
        operation,
        message: `The Graph request budget for this run (${counters.budget}) is spent; ${operation} was not sent`,
      });
    }
    counters.requests++;
  }

  /** One HTTP exchange, no retries. Counts against the budget. */
  async sendOnce(spec: RequestSpec, counters: Counters): Promise<WireResponse> {
    this.spend(counters, spec.operation);
    const rank = this.rankOf(spec, counters);
    return this.semaphore.run(async () => {
      const started = Date.now();
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.timeoutMs);
      let request = this.client.api(spec.url).responseType(ResponseType.RAW).option("signal", abort.signal);
      // An absolute nextLink carries its own version; only relative paths get one.
      if (!/^https?:/i.test(spec.url)) request = request.version(spec.version ?? "v1.0");
      if (spec.headers) request = request.headers(spec.headers);
      if (this.scaled) request = request.header(benchClockHeader, String(Math.round(this.now())));
      let raw: Response;
      try {
        raw =
          spec.method === "GET"
            ? await request.get()
            : spec.method === "DELETE"
              ? await request.delete()
              : spec.method === "PATCH"
                ? await request.patch(spec.body ?? {})
                : await request.post(spec.body ?? {});
        const text = await raw.text();
        const headers: Record<string, string> = {};
        raw.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
        let body: unknown = undefined;
        if (text) {
          try {
            body = JSON.parse(text);
          } catch {
            body = { error: { code: "invalidResponse", message: "Graph returned a body that is not JSON" } };
          }
        }
        this.logger?.debug?.("graph request", {
          operation: spec.operation,
          method: spec.method,
          path: pathForLog(spec.url),
          status: raw.status,
          ms: Date.now() - started,
        });
        return { status: raw.status, headers, body };
      } catch (e) {
        // The SDK rewraps fetch errors, so the abort is recognised by our own signal.
        if (abort.signal.aborted) {
          throw new GraphError({
            kind: "timeout",
            operation: spec.operation,
            message: `Graph did not answer ${spec.operation} within ${this.timeoutMs} ms`,
            cause: e,
          });
        }
        if (e instanceof GraphError) throw e;
        const sdk = e as { code?: string; message?: string };
        if (sdk?.code === tokenErrorName) {
          throw new GraphError({
            kind: "permission",
            operation: spec.operation,
            message: sdk.message ?? "Entra did not issue a token",
            cause: e,
          });
        }
        throw new GraphError({
          kind: "upstream",
          operation: spec.operation,
          message: `Could not reach Graph for ${spec.operation}: ${(e as Error)?.message ?? e}`,
          cause: e,
        });
      } finally {
        clearTimeout(timer);
      }
    }, rank);
  }

  /** A request with the retry rules; resolves only with a 2xx, else throws a GraphError. */
  async send(spec: RequestSpec, counters: Counters): Promise<WireResponse> {
    const mayRetryFailures = spec.idempotent ?? spec.method === "GET";
    let refreshedToken = false;
    let ambiguous = false; // an earlier try may have reached Graph (5xx or timeout)
    const bucket = spec.bucket ?? bucketOf(spec.url);
    let waited: number | undefined; // the end of the hold this request's own 429 set and slept through
    for (let attempt = 0; ; attempt++) {
      let res: WireResponse;
      // Another sender's 429 put a hold on this bucket: sending now would only be throttled again.
      if (attempt > 0 || !spec.gated) await this.holds.waitOut(bucket, waited);
      try {
        res = await this.sendOnce(spec, counters);
      } catch (e) {
        const error = e as GraphError;
        if (
          (error.kind === "timeout" || error.kind === "upstream") &&
          mayRetryFailures &&
          attempt < this.maxRetries
        ) {
          ambiguous = true;
          counters.retries++;
          this.logger?.warn?.("graph retry", {
            operation: spec.operation,
            reason: error.kind,
            attempt: attempt + 1,
          });
          await this.sleep(this.delayMs(attempt, undefined));
          continue;
        }
        throw e;
      }
      if (res.status >= 200 && res.status < 300) {
        this.concurrency.succeeded();
        return res;
      }
      if (res.status === 401 && !refreshedToken) {
        // An expired or revoked token: fetch a new one once, then give up.
        refreshedToken = true;
        this.tokens.reset();
        counters.retries++;
        continue;
      }
      if (res.status === 404 && ambiguous && spec.method === "DELETE")
        return { status: 204, headers: res.headers, body: undefined };
      if (res.status === 429) {
        counters.throttled++;
        this.concurrency.throttled();
      }
      const retryAfter = retryAfterSeconds(res.headers);
      const wait = this.delayMs(attempt, retryAfter);
      // Every sender to this bucket waits out a 429's Retry-After, whether or not this one retries.
      const heldByRetryAfter = res.status === 429 && retryAfter !== undefined;
      const heldEnd = heldByRetryAfter ? this.holds.hold(bucket, wait) : undefined;
      const mayRetry =
        res.status === 429
          ? counters.mayRetryThrottled(attempt, wait, this.maxRetries, this.now())
          : isRetriableStatus(res.status) && mayRetryFailures && attempt < this.maxRetries;
      if (mayRetry) {
        if (res.status !== 429) ambiguous = true;
        counters.retries++;
        this.logger?.warn?.("graph retry", {
          operation: spec.operation,
          status: res.status,
          attempt: attempt + 1,
          waitMs: wait,
        });
        await this.sleep(wait);
        waited = heldEnd;
        continue;
      }
      throw errorFromResponse(spec.operation, res);
    }
  }

  isRetriableStatus = isRetriableStatus;
}
