"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { installPlainValidationMessages } from "@/server/lib/plain-validation";
import { api, getQueryClient, TRPCProvider } from "./trpc";

// A form's own check before sending says what the server would: plain sentences, never zod's text.
installPlainValidationMessages();

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
