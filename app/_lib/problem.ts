import { TRPCClientError } from "@trpc/client";

export interface Problem {
  message: string;
  fieldErrors: Record<string, string[]>;
  details: Record<string, unknown> | null;
}

/**
 * What went wrong, with each field's messages (from zod or from the service) for the form to place. The
 * server already words its messages for people (the cause and the next step); this only unpacks them.
 */
export function problemOf(e: unknown): Problem {
  if (e instanceof TRPCClientError) {
    const data = (e.data ?? {}) as {
      fieldErrors?: Record<string, string[]> | null;
      details?: Record<string, unknown> | null;
    };
    const fromDetails = (data.details?.fieldErrors ?? null) as Record<string, string[]> | null;
    return {
      message: e.message,
      fieldErrors: { ...(data.fieldErrors ?? {}), ...(fromDetails ?? {}) },
      details: data.details ?? null,
    };
  }
  return {
    message: e instanceof Error ? e.message : "Something went wrong.",
    fieldErrors: {},
    details: null,
  };
}

/** The one line to show a person when an action failed. */
export const messageOf = (e: unknown): string => problemOf(e).message;

/** A concurrent change: someone else acted on the same record since this page read it. */
export const isConflict = (e: unknown) =>
  e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === "CONFLICT";
