import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { TrpcContext } from "./init";
import { appRouter } from "./root";

// The HTTP door to the router. Responses are never cached anywhere (no-store): one of them carries a
// Temporary Access Pass, shown once, and no browser, proxy or CDN may keep a copy.
export function handleTrpc(req: Request, createContext: () => Promise<TrpcContext>) {
  return fetchRequestHandler({
    endpoint: "/api/trpc", req, router: appRouter, createContext,
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store", pragma: "no-cache" }) }),
  });
}
