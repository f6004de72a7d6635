import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/unavailable";
import type { TrpcContext } from "./init";
import { appRouter } from "./root";

// The HTTP door to the router. Responses are never cached anywhere (no-store): one of them carries a
// Temporary Access Pass, shown once, and no browser, proxy or CDN may keep a copy.
export function handleTrpc(req: Request, createContext: () => Promise<TrpcContext>) {
  return fetchRequestHandler({
    endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContext().catch(contextError),
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store", pragma: "no-cache" }) }),
  });
}

// Resolving the actor checks the session in the database (server/auth/session-actor.ts): when it cannot
// be reached the answer is the same 503 a procedure gives during an outage, not an internal error.
function contextError(error: unknown): never {
  if (isDatabaseUnavailable(error)) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, cause: error });
  throw error;
}
