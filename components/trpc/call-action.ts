import type { ProcedureResult } from "@/server/trpc/action";

/**
 * Runs a server action that calls a procedure (server/trpc/action.ts). A request that never
 * reaches the server rejects instead of answering: that becomes an error to show, like any
 * other, rather than an exception that would take the page down.
 */
export async function callAction<T>(action: () => Promise<ProcedureResult<T>>): Promise<ProcedureResult<T>> {
  try {
    return await action();
  } catch {
    return { error: { code: "INTERNAL_SERVER_ERROR", message: "Could not reach the server. Check your connection and try again." } };
  }
}
