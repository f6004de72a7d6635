import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import type { AppErrorCode } from "@/server/errors";

// The one map from service error codes to tRPC (and so HTTP) codes.
export const appErrorToTrpc: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UPSTREAM: "BAD_GATEWAY",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/**
 * Field path → messages, for forms to show each problem where it occurs. Paths come from the caller's
 * input, so a key may be "__proto__" or "constructor": a Map, not an object literal, collects them.
 */
export function zodFieldErrors(error: unknown): Record<string, string[]> | null {
  if (!(error instanceof ZodError)) return null;
  const out = new Map<string, string[]>();
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "(input)";
    out.set(key, [...(out.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
}

export const isTrpcError = (e: unknown): e is TRPCError => e instanceof TRPCError;
