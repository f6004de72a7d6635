// JSON batching: at most 20 inner requests per envelope; only the inner requests that failed with
// 429/5xx are sent again (Graph evaluates throttling per inner request), after the longest Retry-After,
// which holds every sender to that bucket (throttle-holds.ts). Envelopes shrink when inner requests are
// throttled and grow back slowly (transport.batchSize), so a tenant that allows 5 reads per 10 s is not
// sent 20 at a time; with a deadline on the view, throttled inner requests are retried until it, not
// dropped after maxRetries rounds (docs/SYNC.md).
import {
  errorFromResponse,
  retryAfterSeconds,
  type Counters,
  type Transport,
  type WireResponse,
} from "./transport";
import { GraphError } from "./errors";
import { bucketOfAll } from "./throttle-holds";

export const maxBatchSize = 20;

export interface InnerRequest {
  id: string;
  method: "GET" | "DELETE" | "POST";
  /** Relative, without the version prefix, e.g. `/users/{id}/authentication/fido2Methods`. */
  url: string;
}

export type InnerResult = { ok: true; response: WireResponse } | { ok: false; error: GraphError };

/** How one envelope came back. */
interface Exchange {
  /** Inner requests to send again (throttled, or a retriable failure). */
  again: InnerRequest[];
  /** A retriable failure without Retry-After: back off before the next round. */
  backoff: boolean;
  /** Any inner request came back 429; `retryAfterMs` is the longest wait they asked for. */
  throttled: boolean;
  retryAfterMs?: number;
  /** Inner requests that got a final answer. */
  answered: number;
}

interface BatchResponseEntry {
  id?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface BatchResponseBody {
  responses?: BatchResponseEntry[];
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}

/** The answer to one inner request, or a 502 when the envelope left it out. */
function innerResponse(byId: Map<string, BatchResponseEntry>, id: string): WireResponse {
  const inner = byId.get(id);
  return inner
    ? { status: inner.status ?? 500, headers: lowerKeys(inner.headers), body: inner.body }
    : {
        status: 502,
        headers: {},
        body: {
          error: { code: "missingBatchResponse", message: "Graph's batch response left this request out" },
        },
      };
}

/**
 * Sends `requests` in envelopes through a few lanes that take work from one queue. Every envelope goes
 * through the transport's hold for its bucket (throttle-holds.ts): after an inner 429, every lane of every
 * caller waits out the Retry-After, then one envelope at a time goes until one comes back unthrottled.
 * Calls are served oldest first, so an earlier call finishes before a later one takes the capacity.
 * Envelopes hold at most `transport.batchSize` inner requests, which halves on inner 429s.
 */
export async function runBatched(
  transport: Transport,
  counters: Counters,
  operation: string,
  requests: readonly InnerRequest[],
  version: "v1.0" | "beta" = "v1.0",
): Promise<Map<string, InnerResult>> {
  const results = new Map<string, InnerResult>();
  const queue = [...requests];
  const failures = new Map<string, number>(); // 5xx rounds per inner request (429s do not count)
  const throttles = new Map<string, number>(); // 429s per inner request
  const bucket = bucketOfAll(requests.map((r) => r.url));
  // This call's envelopes wait for a hold's turn and a slot behind earlier calls' (pacing.ts).
  const rank = transport.rankOf({ rank: transport.nextRank() }, counters);

  /** One envelope sent and its answers sorted: what must go again, and what the bucket did. */
  async function exchange(chunk: InnerRequest[]): Promise<Exchange> {
    const out: Exchange = { again: [], backoff: false, throttled: false, answered: 0 };
    let envelope: WireResponse;
    try {
      envelope = await transport.send(
        {
          operation,
          method: "POST",
          url: "/$batch",
          version,
          bucket,
          rank,
          gated: true,
          body: { requests: chunk.map((r) => ({ id: r.id, method: r.method, url: r.url })) },
          idempotent: chunk.every((r) => r.method === "GET"),
        },
        counters,
      );
    } catch (e) {
      for (const r of chunk) results.set(r.id, { ok: false, error: e as GraphError });
      return out;
    }
    const byId = new Map(
      (envelope.body as BatchResponseBody)?.responses?.map((r) => [String(r.id), r]) ?? [],
    );
    for (const r of chunk) {
      const response = innerResponse(byId, r.id);
      if (response.status >= 200 && response.status < 300) {
        results.set(r.id, { ok: true, response });
        continue;
      }
      const ra = retryAfterSeconds(response.headers);
      let retry: boolean;
      if (response.status === 429) {
        counters.throttled++;
        out.throttled = true;
        const n = throttles.get(r.id) ?? 0;
        throttles.set(r.id, n + 1);
        const wait = transport.delayMs(n, ra);
        out.retryAfterMs = Math.max(out.retryAfterMs ?? 0, wait);
        retry = counters.mayRetryThrottled(n, wait, transport.maxRetries, transport.now());
      } else {
        const n = (failures.get(r.id) ?? 0) + 1;
        failures.set(r.id, n);
        retry =
          transport.isRetriableStatus(response.status) && r.method === "GET" && n <= transport.maxRetries;
        out.backoff ||= retry;
      }
      if (retry) out.again.push(r);
      else results.set(r.id, { ok: false, error: errorFromResponse(operation, response) });
    }
    out.answered = chunk.length - out.again.length;
    if (out.throttled) {
      transport.batchSize.throttled();
      transport.concurrency.throttled();
    } else transport.batchSize.succeeded();
    return out;
  }

  /**
   * One envelope from the head of the queue, through the bucket's hold. `heldEnd`: when the hold this
   * envelope's 429 set ends; `own` is the last one's (the lane sleeps its Retry-After whole, in the queue).
   */
  async function sendOne(
    retries: InnerRequest[],
    own: { sleepMs: number; heldEnd: number } | undefined,
  ): Promise<(Exchange & { heldEnd?: number }) | "late"> {
    const pass = await transport.holds.enter(bucket, rank, own);
    if (counters.deadline !== null && transport.now() >= counters.deadline) {
      pass.leave({ sent: false, throttled: false });
      return "late"; // the hold (or the wait for a turn) outlasted the view's deadline
    }
    // Cautious after a 429: sized by what the bucket refills per hold, not by the adaptive batch size.
    const cap = Number.isFinite(pass.maxInner) ? pass.maxInner : transport.batchSize.value;
    const size = Math.max(1, Math.min(maxBatchSize, cap));
    const chunk = retries.splice(0, size);
    chunk.push(...queue.splice(0, size - chunk.length));
    let out: Exchange = { again: [], backoff: false, throttled: false, answered: 0 };
    let heldEnd: number | undefined;
    try {
      if (chunk.length > 0) out = await exchange(chunk);
    } finally {
      heldEnd = pass.leave({ sent: chunk.length > 0, ...out });
    }
    return { ...out, heldEnd };
  }

  /** Takes envelopes' worth from the queue; its own throttled requests go first in its next envelope. */
  async function lane(): Promise<void> {
    const retries: InnerRequest[] = [];
    let own: { sleepMs: number; heldEnd: number } | undefined;
    // The hold ends past the view's deadline: what is left is answered throttled, not sent late.
    const giveUp = () => {
      const message = `Graph throttled ${operation} until after this run's time budget; it was not sent`;
      for (const r of [...retries.splice(0), ...queue.splice(0)]) {
        results.set(r.id, { ok: false, error: new GraphError({ kind: "throttled", operation, message }) });
      }
    };
    for (let round = 0; retries.length > 0 || queue.length > 0;) {
      if (counters.deadline !== null && transport.holds.heldUntil(bucket) >= counters.deadline)
        return giveUp();
      const sent = await sendOne(retries, own);
      if (sent === "late") return giveUp();
      const { again, backoff, throttled, retryAfterMs, heldEnd } = sent;
      own = undefined;
      if (again.length === 0) continue;
      retries.unshift(...again);
      counters.retries += again.length;
      transport.logger?.warn?.("graph batch retry", { operation, count: again.length, round: round + 1 });
      if (throttled && retryAfterMs !== undefined && heldEnd !== undefined) {
        // This lane met the 429: it waits the Retry-After whole (queued meanwhile for the next turn at its
        // rank), then only a hold extended since; the others wait out the hold it set.
        own = { sleepMs: retryAfterMs, heldEnd };
      } else if (backoff) await transport.sleep(transport.delayMs(round, undefined));
      round++;
    }
  }

  const size = Math.max(1, Math.min(maxBatchSize, transport.batchSize.value));
  const lanes = Math.max(1, Math.min(transport.concurrency.value, Math.ceil(queue.length / size)));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
