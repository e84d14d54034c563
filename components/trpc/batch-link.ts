import { httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";

// The link that sends the calls, loaded with the first call (./client.tsx): a page paints and
// hydrates without it. At most 20 calls a request: the server refuses larger batches
// (server/http/limits.ts).
export const batchLink = httpBatchLink<AppRouter>({ url: "/api/trpc", transformer: superjson, maxItems: 20 });
