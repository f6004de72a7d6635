import { TRPCError } from "@trpc/server";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/unavailable";

/**
 * Builds the tRPC context, turning a database outage into the same 503 a procedure gives during one.
 * Resolving the actor checks the session in the database (server/auth/session-actor.ts), so an outage
 * can surface here, before any procedure runs; without this it was an internal error (500).
 */
export function contextOutageAs503<T>(make: () => Promise<T>): Promise<T> {
  return make().catch((error: unknown) => {
    if (isDatabaseUnavailable(error)) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, cause: error });
    throw error;
  });
}
