import "server-only";
import { defaultShouldDehydrateQuery } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import superjson from "superjson";
import { makeQueryClient } from "@/components/trpc/query-client";
import { currentSession } from "@/server/auth";
import { appRouter, createCaller } from "./root";
import { createRequestContext } from "./request-context";

// For server components: one query client and one context per request.
export const getQueryClient = cache(() =>
  makeQueryClient({
    serializeData: superjson.serialize,
    // Pending queries too: a page may start a query it does not await and stream its result.
    shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
  }),
);
const getContext = cache(createRequestContext);

export const trpc = createTRPCOptionsProxy({ ctx: getContext, router: appRouter, queryClient: getQueryClient });

/**
 * Calls procedures directly from a server component, with the request's session. Signed out,
 * it redirects to sign-in: a page renders alongside its layout, so the layout's own redirect
 * does not stop the page from calling procedures.
 */
export const getCaller = cache(async () => {
  const ctx = await getContext();
  if (!ctx.personId) redirect("/sign-in");
  return createCaller(ctx);
});

/** The signed-in person with their pairs, once per request. */
export const getMe = cache(async () => (await getCaller()).me.get());

/**
 * The signed-in person's name, organization and roles, once per request: every page's header.
 * The session check reads them (server/auth/sessions.ts), so this costs no statement of its own;
 * it answers what `me.shell` answers.
 */
export const getShell = cache(async () => {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  return { person: session.person, org: session.org, roles: [...session.actor.roles].sort() };
});

/** Awaits a procedure call from a server component; "not found" becomes Next's 404 page. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
