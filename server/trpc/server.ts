import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { appRouter, createCaller } from "./root";
import { createRequestContext } from "./request-context";

// For server components: one query client and one context per request.
export const getQueryClient = cache(makeQueryClient);
const getContext = cache(createRequestContext);

export const trpc = createTRPCOptionsProxy({ ctx: getContext, router: appRouter, queryClient: getQueryClient });

/** Calls procedures directly from a server component, with the request's session. */
export const getCaller = cache(async () => createCaller(await getContext()));
