// JSON batching: at most 20 inner requests per envelope; only the inner requests that failed with
// 429/5xx are sent again (Graph evaluates throttling per inner request), after the longest Retry-After.
// Envelopes shrink when inner requests are throttled and grow back slowly (transport.batchSize), so a
// tenant that allows 5 reads per 10 s is not sent 20 at a time; with a deadline on the view, throttled
// inner requests are retried until it, not dropped after maxRetries rounds (docs/SYNC.md).
import {
  errorFromResponse,
  retryAfterSeconds,
  type Counters,
  type Transport,
  type WireResponse,
} from "./transport";
import type { GraphError } from "./errors";

export const maxBatchSize = 20;

export interface InnerRequest {
  id: string;
  method: "GET" | "DELETE" | "POST";
  /** Relative, without the version prefix, e.g. `/users/{id}/authentication/fido2Methods`. */
  url: string;
}

export type InnerResult = { ok: true; response: WireResponse } | { ok: false; error: GraphError };

interface BatchResponseBody {
  responses?: { id?: string; status?: number; headers?: Record<string, string>; body?: unknown }[];
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}

export async function runBatched(
  transport: Transport,
  counters: Counters,
  operation: string,
  requests: readonly InnerRequest[],
  version: "v1.0" | "beta" = "v1.0",
): Promise<Map<string, InnerResult>> {
  const results = new Map<string, InnerResult>();
  let pending = [...requests];
  const failures = new Map<string, number>(); // 5xx rounds per inner request (429s do not count)
  const throttles = new Map<string, number>(); // 429s per inner request
  let paced = false; // once throttled, a round sends only what the adaptive limits allow
  for (let round = 0; pending.length > 0;) {
    const chunks: InnerRequest[][] = [];
    const size = Math.min(maxBatchSize, transport.batchSize.value);
    const take = paced ? Math.max(1, size * transport.concurrency.value) : pending.length;
    const sending = pending.slice(0, take);
    const later = pending.slice(take);
    for (let i = 0; i < sending.length; i += size) chunks.push(sending.slice(i, i + size));
    const again: InnerRequest[] = [];
    let waitSeconds: number | undefined;
    await Promise.all(
      chunks.map(async (chunk) => {
        let envelope: WireResponse;
        try {
          envelope = await transport.send(
            {
              operation,
              method: "POST",
              url: "/$batch",
              version,
              body: { requests: chunk.map((r) => ({ id: r.id, method: r.method, url: r.url })) },
              idempotent: chunk.every((r) => r.method === "GET"),
            },
            counters,
          );
        } catch (e) {
          for (const r of chunk) results.set(r.id, { ok: false, error: e as GraphError });
          return;
        }
        const byId = new Map(
          (envelope.body as BatchResponseBody)?.responses?.map((r) => [String(r.id), r]) ?? [],
        );
        let throttledHere = false;
        for (const r of chunk) {
          const inner = byId.get(r.id);
          const response: WireResponse = inner
            ? { status: inner.status ?? 500, headers: lowerKeys(inner.headers), body: inner.body }
            : {
                status: 502,
                headers: {},
                body: {
                  error: {
                    code: "missingBatchResponse",
                    message: "Graph's batch response left this request out",
                  },
                },
              };
          if (response.status >= 200 && response.status < 300) {
            results.set(r.id, { ok: true, response });
            continue;
          }
          const ra = retryAfterSeconds(response.headers);
          let retry: boolean;
          if (response.status === 429) {
            counters.throttled++;
            throttledHere = true;
            const n = throttles.get(r.id) ?? 0;
            throttles.set(r.id, n + 1);
            retry = counters.mayRetryThrottled(
              n,
              transport.delayMs(round, ra),
              transport.maxRetries,
              transport.now(),
            );
          } else {
            const n = (failures.get(r.id) ?? 0) + 1;
            failures.set(r.id, n);
            retry =
              transport.isRetriableStatus(response.status) && r.method === "GET" && n <= transport.maxRetries;
          }
          if (retry) {
            again.push(r);
            if (ra !== undefined) waitSeconds = Math.max(waitSeconds ?? 0, ra);
          } else {
            results.set(r.id, { ok: false, error: errorFromResponse(operation, response) });
          }
        }
        if (throttledHere) {
          transport.batchSize.throttled();
          transport.concurrency.throttled();
        } else transport.batchSize.succeeded();
      }),
    );
    // Retries go first next round; requests not sent yet follow. Only a round with retries waits.
    pending = [...again, ...later];
    if (again.length > 0) {
      paced = true;
      counters.retries += again.length;
      transport.logger?.warn?.("graph batch retry", { operation, count: again.length, round: round + 1 });
      await transport.sleep(transport.delayMs(round, waitSeconds));
      round++;
    }
  }
  return results;
}
