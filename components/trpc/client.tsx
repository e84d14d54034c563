"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import type { AppRouter } from "@/server/trpc/root";
import { makeQueryClient } from "./query-client";
import { makeTRPCClient, TRPCClientProvider } from "./trpc-client";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * Wraps the pages whose components use tRPC queries, not the (app) layout: pages without them
 * (home, the pair dashboard, trends) then load no tRPC or React Query code at all, and pages that
 * only call procedures load the client alone (./trpc-client.tsx). The query client is one per
 * browser tab, so its cache outlives the page that made it.
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(makeTRPCClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <TRPCClientProvider client={trpcClient}>{children}</TRPCClientProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
