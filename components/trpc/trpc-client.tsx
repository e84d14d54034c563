"use client";

import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import { createContext, useContext, useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";

export function makeTRPCClient(): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    // At most 20 calls a request: the server refuses larger batches (server/http/limits.ts).
    links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 20 })],
  });
}

const ClientContext = createContext<TRPCClient<AppRouter> | null>(null);

/**
 * The tRPC client alone, for pages that only call procedures (the assessment page saves and
 * submits): they load no React Query. Pages with queries use TRPCReactProvider (./client.tsx),
 * which provides the same client, so `useTRPCClient` works under either.
 */
export function TRPCClientProvider({ client, children }: { client?: TRPCClient<AppRouter>; children: ReactNode }) {
  const [own] = useState(() => client ?? makeTRPCClient());
  return <ClientContext.Provider value={client ?? own}>{children}</ClientContext.Provider>;
}

export function useTRPCClient(): TRPCClient<AppRouter> {
  const client = useContext(ClientContext);
  if (!client) throw new Error("useTRPCClient needs a TRPCClientProvider or TRPCReactProvider above it.");
  return client;
}
