import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import type { AppErrorCode } from "@/server/errors";
import { fieldErrorsOf } from "@/server/lib/field-errors";

// The one map from service error codes to tRPC (and so HTTP) codes.
export const appErrorToTrpc: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UPSTREAM: "BAD_GATEWAY",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** Field path → messages, for forms to show each problem where it occurs. */
export function zodFieldErrors(error: unknown): Record<string, string[]> | null {
  return error instanceof ZodError ? fieldErrorsOf(error.issues) : null;
}

/**
 * The one-line message of a request whose input failed validation: the form shows each field's own
 * message beside the field, so the summary says where to look instead of repeating zod's text.
 */
export function invalidInputSummary(fieldErrors: Record<string, string[]>): string {
  const fields = Object.keys(fieldErrors).filter((k) => k !== "(input)");
  const whole = fieldErrors["(input)"] ?? [];
  if (fields.length === 0) return whole[0] ?? "The request was not valid. Check what you entered.";
  return fields.length === 1
    ? "One field needs a correction: see the message beside it."
    : `${fields.length} fields need a correction: see the messages beside them.`;
}

export const isTrpcError = (e: unknown): e is TRPCError => e instanceof TRPCError;
