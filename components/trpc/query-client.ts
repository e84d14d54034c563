import { QueryClient, type DefaultOptions } from "@tanstack/react-query";
import { deserialize } from "./wire";

// Dehydrated queries travel from server components to the browser in superjson's format: the
// server writes them with superjson, the browser reads them with the small codec its tRPC client
// uses (./wire.ts). How to dehydrate is the server's business (server/trpc/server.ts): passing
// it in keeps React Query's dehydration code out of pages that only hydrate, or do neither.
export function makeQueryClient(dehydrate?: DefaultOptions["dehydrate"]) {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30 * 1000 },
      dehydrate,
      hydrate: { deserializeData: deserialize },
    },
  });
}
