"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, TRPCClientError, type OperationLink, type TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import type { AppRouter } from "@/server/trpc/root";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * superjson is needed only to send a call and read its answer, so it is loaded with the link
 * (./batch-link.ts) on the first call; hydration has its own reader (./hydrate.ts). Calls made
 * while it loads wait together, so they still go out as one batch; a failed load fails those
 * calls (shown like any network error) and the next call tries again.
 */
const lazyBatchLink: TRPCLink<AppRouter> = (runtime) => {
  let link: Promise<OperationLink<AppRouter>> | undefined;
  return (call) =>
    observable((observer) => {
      let cancelled = false;
      let subscription: Unsubscribable | undefined;
      link ??= import("./batch-link").then((m) => m.batchLink(runtime));
      link.then(
        (operationLink) => {
          if (!cancelled) subscription = operationLink(call).subscribe(observer);
        },
        (cause: unknown) => {
          link = undefined;
          observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))));
        },
      );
      return () => {
        cancelled = true;
        subscription?.unsubscribe();
      };
    });
};

/**
 * Wraps the pages whose components use tRPC hooks, not the (app) layout: pages without them
 * (home, the pair dashboard, trends) then load no tRPC or React Query code at all. The query
 * client is one per browser tab, so its cache outlives the page that made it.
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [lazyBatchLink] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
