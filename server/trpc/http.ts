import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { logger } from "@/server/lib/logger";
import type { TrpcContext } from "./init";
import { requestIds, type RequestIds } from "./request-id";
import { appRouter } from "./root";

// The HTTP door to the router. Responses are never cached anywhere (no-store): one of them carries a
// Temporary Access Pass, shown once, and no browser, proxy or CDN may keep a copy.

/** The largest request body accepted: a 2 MB CSV import as JSON, with room for its escaping. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const REQUEST_TOO_LARGE_MESSAGE =
  "The request is larger than 5 MB, the most the portal accepts at once. Send less in one go: split a CSV file into smaller files.";

export async function handleTrpc(req: Request, createContext: (ids: RequestIds) => Promise<TrpcContext>) {
  const ids = requestIds(req.headers);
  const body = await readLimited(req, MAX_REQUEST_BYTES);
  if (ids.clientRequestId)
    logger.info("request carries a client request id", {
      requestId: ids.requestId,
      clientRequestId: ids.clientRequestId,
    });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: body.req,
    router: appRouter,
    // Thrown here, the refusal goes through the router's error formatter: the client reads it as any
    // other tRPC error (HTTP 413, code PAYLOAD_TOO_LARGE), and no procedure runs.
    createContext: async () => {
      if (body.isTooLarge)
        throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: REQUEST_TOO_LARGE_MESSAGE });
      return createContext(ids);
    },
    responseMeta: () => ({
      headers: new Headers({
        "cache-control": "no-store",
        pragma: "no-cache",
        "x-request-id": ids.requestId,
      }),
    }),
  });
}

/**
 * The body, read at most up to `max` bytes: Content-Length is checked first, and the bytes are counted
 * too (a body may come chunked, or lie about its length). Without this a 30 MB body failed as a JSON
 * parse error deep inside the framework.
 */
async function readLimited(req: Request, max: number): Promise<{ req: Request; isTooLarge: boolean }> {
  if (req.method !== "POST" || !req.body) return { req, isTooLarge: false };
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  const declared = Number(req.headers.get("content-length"));
  const tooLarge = () => ({ req: new Request(req.url, { method: "POST", headers }), isTooLarge: true });
  if (Number.isFinite(declared) && declared > max) {
    await req.body.cancel().catch(() => {});
    return tooLarge();
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  return {
    req: new Request(req.url, { method: "POST", headers, body: Buffer.concat(chunks), signal: req.signal }),
    isTooLarge: false,
  };
}
