"use client";

import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";

/** The browser's tRPC client for sync actions (same procedures, same permission checks). */
export const syncApi = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "/api/trpc", transformer: superjson })],
});

export const messageOf = (e: unknown) =>
  e instanceof TRPCClientError || e instanceof Error ? e.message : "Something went wrong.";
