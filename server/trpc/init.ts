import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "@/db/client";
import type { SignInMethod } from "@/db/schema";
import { isOrgAdmin, isOwner, loadActor, type Actor } from "@/server/access/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";

export interface Context {
  db: Db;
  /** The person the session signed in as; null when signed out. */
  personId: string | null;
  /**
   * The server-side session behind personId (server/auth/sessions.ts): what switching
   * organization and signing out everywhere act on. Requests always have it when signed in;
   * tests' callers name a person without one unless a test needs it.
   */
  session?: { id: string; userId: string; method: SignInMethod } | null;
  /**
   * The actor, loaded once for everything one request calls (a page's layout and the page both
   * call procedures with the same context). Absent for contexts that outlive a request, such as
   * tests' callers, which must see a role or deactivation change at once.
   */
  requestActor?: () => Promise<Actor | null>;
}

export function createContext(input: Context): Context {
  return input;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Never leak internals (SQL, stack) to the client; the server log has them.
      message: internal ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : undefined,
        conflict: error.cause instanceof ConflictError ? error.cause.details : undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;

/** Our own messages read on their own; zod's generic ones get the field they are about. */
function readableIssues(error: ZodError): string {
  return error.issues
    .map((i) => {
      const generic = /^(Invalid|Expected|Too (big|small)|Unrecognized)/.test(i.message);
      return generic && i.path.length > 0 ? `${i.message} for "${String(i.path.at(-1))}".` : i.message;
    })
    .join(" ");
}
export const router = t.router;

/** Maps domain errors thrown by services to tRPC codes, in one place. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof NotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: "Not found", cause });
    if (cause instanceof ConflictError) throw new TRPCError({ code: "CONFLICT", message: cause.message, cause });
    if (cause instanceof InvalidInputError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    // Input that fails validation: the readable messages, not a JSON dump of zod issues.
    if (cause instanceof ZodError) throw new TRPCError({ code: "BAD_REQUEST", message: readableIssues(cause), cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

/** Signed in as an active person; `ctx.actor` is never null below this tier. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const actor = ctx.personId ? await (ctx.requestActor?.() ?? loadActor(ctx.db, ctx.personId)) : null;
  if (!actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, actor } });
});

/** Owners of the caller's organization: settings, the audit log. Others get "not found". */
export const ownerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isOwner(ctx.actor)) throw new TRPCError({ code: "NOT_FOUND", message: "Not found" });
  return next();
});

/** HR admins and owners of the caller's organization. Others get "not found", not "forbidden". */
export const orgAdminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isOrgAdmin(ctx.actor)) throw new TRPCError({ code: "NOT_FOUND", message: "Not found" });
  return next();
});

/** Signed in through a server-side session (every browser request; tests that give one). */
export const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});
