import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_BATCH_CALLS } from "@/server/http/limits";
import { guardTrpcRequest, refuse } from "@/server/trpc/http-guard";
import { appRouter } from "@/server/trpc/root";
import { createRequestContext } from "@/server/trpc/request-context";

async function handler(request: Request) {
  // Origin, content type, body and batch size, before anything is read whole or runs.
  const guarded = await guardTrpcRequest(request);
  if (!guarded.ok) return refuse(request, guarded);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: guarded.req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: createRequestContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[tandem] tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
