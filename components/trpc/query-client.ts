import { QueryClient, type DefaultOptions } from "@tanstack/react-query";
import superjson from "superjson";

// Dehydrated queries travel from server components to the browser in superjson's format, the
// transformer of every tRPC call on both sides (server/trpc/init.ts, ./client.tsx). How to
// dehydrate is the server's business (server/trpc/server.ts): passing it in keeps React Query's
// dehydration code out of pages that only hydrate, or do neither.
export function makeQueryClient(dehydrate?: DefaultOptions["dehydrate"]) {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30 * 1000 },
      dehydrate,
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
