import "server-only";
import { getEnv } from "@/server/env";
import { getServices } from "@/server/runtime";
import { clientAddress, SIGN_IN_LIMIT, signInRule, type RateVerdict } from "@/server/security/rate-limit";

// Sign-in attempts per client address, whichever way they arrive: the sign-in page's server actions
// (demo personas, "Sign in with …") and next-auth's own endpoints (the OIDC callback, credential posts).
// Counted in the database: every portal process and machine shares one budget per address.

export const signInAttempt = async (headers: Headers): Promise<RateVerdict> =>
  (await getServices()).rateLimits.hit(
    SIGN_IN_LIMIT,
    signInRule,
    clientAddress(headers, { trustProxy: getEnv().TRUST_PROXY }),
  );

const ATTEMPT_PATHS = /^\/api\/auth\/(callback|signin)\//;

/** Wraps a next-auth route handler: sign-in and callback requests past the limit get 429 and Retry-After. */
export function limitSignIn<R extends Request>(handler: (req: R) => Promise<Response>) {
  return async (req: R): Promise<Response> => {
    if (ATTEMPT_PATHS.test(new URL(req.url).pathname)) {
      const verdict = await signInAttempt(req.headers);
      if (!verdict.ok) {
        return new Response("Too many sign-in attempts from this address. Wait a minute and try again.", {
          status: 429,
          headers: {
            "Retry-After": String(verdict.retryAfterSeconds),
            "Content-Type": "text/plain; charset=utf-8",
          },
        });
      }
    }
    return handler(req);
  };
}
