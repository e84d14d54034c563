import "server-only";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { actionFromTandem } from "@/server/security/action-origin";
import { CROSS_SITE_MESSAGE } from "@/server/security/origin";
import { createCaller } from "./root";
import { createRequestContext } from "./request-context";

// Server actions for the few buttons on otherwise read-only pages (home, pair dashboard,
// trends): calling the same procedure through a server action spares those pages the tRPC and
// React Query client (about 20 kB of script). Input validation, access rules and error messages
// are the procedure's, exactly as over HTTP.

export type ProcedureResult<T> = { data: T; error?: undefined } | { data?: undefined; error: { message: string; code: TRPC_ERROR_CODE_KEY } };

type Caller = ReturnType<typeof createCaller>;

export async function callProcedure<T>(name: string, call: (caller: Caller) => Promise<T>): Promise<ProcedureResult<T>> {
  // A server action is a POST from any page that knows its id: only Tandem's own pages may call.
  if (!(await actionFromTandem())) return { error: { code: "FORBIDDEN", message: CROSS_SITE_MESSAGE } };
  try {
    return { data: await call(createCaller(await createRequestContext())) };
  } catch (err) {
    const error = err instanceof TRPCError ? err : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: err });
    if (error.code === "INTERNAL_SERVER_ERROR") {
      // As the HTTP handler does: the log gets the cause, the person a message without internals.
      console.error(`[tandem] action ${name} failed:`, error.cause ?? error);
      return { error: { code: error.code, message: "Something went wrong on our side. Please try again." } };
    }
    return { error: { code: error.code, message: error.message } };
  }
}
