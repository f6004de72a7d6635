"use client";

import { QueryClient, isServer } from "@tanstack/react-query";
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

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Pages hand their server-read data to queries as initial data: keep it fresh for a while
      // instead of reading it again the moment the page mounts.
      queries: { staleTime: 30_000, retry: 1 },
      // A failed mutation is shown where it happened, never retried behind the agent's back.
      mutations: { retry: false },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** One cache for the browser tab; a fresh one for every server render, so no user sees another's data. */
export function getQueryClient() {
  if (isServer) return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}
