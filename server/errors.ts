// One closed set of error codes for every service. The tRPC layer maps them once (server/trpc/errors.ts).
export const appErrorCodes = [
  "BAD_REQUEST", // input that passed zod but breaks a rule
  "UNAUTHORIZED", // not signed in
  "FORBIDDEN", // signed in, not allowed
  "NOT_FOUND",
  "CONFLICT", // invalid state transition or a concurrent change
  "PRECONDITION_FAILED", // e.g. identity not verified, approval missing
  "TOO_MANY_REQUESTS",
  "TOO_LARGE", // more than the service takes at once (e.g. a CSV import over its row cap)
  "UPSTREAM", // Entra / Graph failed
  "INTERNAL",
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

// The production build can hold two copies of this module (the services are built once at boot, the
// tRPC route has its own bundle), so `instanceof` alone misses errors from the other copy: a
// process-wide symbol marks every AppError whichever copy made it.
const APP_ERROR = Symbol.for("keyfleet.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: AppErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError =>
  e instanceof AppError ||
  (typeof e === "object" && e !== null && (e as { [APP_ERROR]?: unknown })[APP_ERROR] === true);
