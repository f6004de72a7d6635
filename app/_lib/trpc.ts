"use client";

import { MutationCache, QueryClient, isServer } from "@tanstack/react-query";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";

/** What each procedure returns and takes, straight from the router: rows and results are typed from here. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

/**
 * The browser's one tRPC client (same procedures, same permission checks as the server's caller). Client
 * components reach it through `useTRPC()` (queries and mutations that cache and invalidate) inside
 * `TrpcProvider`; `api` is the same client for the rare call outside React.
 */
export const api = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "/api/trpc", transformer: superjson })],
});

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * `meta` a mutation may carry: `readOnly` for one that changes nothing (a preview, a check), so it does
 * not make the page read everything again.
 */
export interface MutationMeta extends Record<string, unknown> {
  readOnly?: boolean;
}

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: MutationMeta;
  }
}

function makeQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    // Every mutation that changes something marks every query stale, and the ones on screen read again
    // at once: what a change touches (an order's lines, a key's holder, a wave's members) crosses areas,
    // and a screen shows a handful of queries, so reading them again is cheap and never misses one.
    // Not awaited: the mutation's own result (a scan's outcome) shows without waiting for the re-read.
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        if (!mutation.meta?.readOnly) void queryClient.invalidateQueries();
      },
    }),
    defaultOptions: {
      // Pages hand their server-read data to queries as initial data: keep it fresh for a while
      // instead of reading it again the moment the page mounts.
      queries: { staleTime: 30_000, retry: 1 },
      // A failed mutation is shown where it happened, never retried behind the agent's back.
      mutations: { retry: false },
    },
  });
  return queryClient;
}

let browserQueryClient: QueryClient | undefined;

/** One cache for the browser tab; a fresh one for every server render, so no user sees another's data. */
export function getQueryClient() {
  if (isServer) return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}
