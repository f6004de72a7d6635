"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { api, getQueryClient, TRPCProvider } from "./trpc";

/** Mounted once by the portal layout: every client component below shares one query cache. */
export function TrpcProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={api} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
