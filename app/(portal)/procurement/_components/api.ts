"use client";

import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";

/** The browser's tRPC client for inventory and procurement forms (same procedures, same checks). */
export const api = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "/api/trpc", transformer: superjson })],
});

export interface Problem {
  message: string;
  fieldErrors: Record<string, string[]>;
  details: Record<string, unknown> | null;
}

/** What went wrong, with each field's messages (from zod or from the service) for the form to place. */
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
