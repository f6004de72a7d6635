import { logger } from "@/server/lib/logger";

// next-auth's own logger writes each refused request (a forged post without the CSRF token, a wrong
// persona) as a stack trace over many lines: a burst of 33 forged posts wrote 33 traces. Here each
// becomes one structured line, without a stack. See docs/SECURITY.md, "Client addresses".

/** Refusals caused by the request (what next-auth itself treats as client errors): a warning. */
const REFUSALS = new Set([
  "CredentialsSignin",
  "OAuthAccountNotLinked",
  "OAuthCallbackError",
  "AccessDenied",
  "Verification",
  "MissingCSRF",
  "AccountNotLinked",
  "WebAuthnVerificationError",
  "UnknownAction",
  "InvalidCheck",
]);

const firstLine = (text: unknown): string | undefined =>
  typeof text === "string" ? text.split("\n")[0]!.replace(/\s*Read more at \S+$/, "") : undefined;

export function logAuthError(error: Error): void {
  // next-auth's errors (AuthError) carry a `type`; matched by shape, as importing next-auth's index
  // here would load Next's server runtime in the tests.
  const type = (error as { type?: unknown }).type;
  if (typeof type !== "string") {
    logger.error("sign-in failed", { error });
    return;
  }
  const cause = (error.cause as { err?: unknown } | undefined)?.err;
  const fields = {
    type,
    reason: firstLine(error.message),
    ...(cause instanceof Error ? { cause: firstLine(cause.message) } : {}),
  };
  if (REFUSALS.has(type)) logger.warn("sign-in request refused", fields);
  else logger.error("sign-in failed", fields);
}

export const authLogger = {
  error: logAuthError,
  warn: (code: string) => logger.warn("next-auth warning", { code }),
  debug: () => undefined,
};
