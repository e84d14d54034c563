import { getDb } from "@/db/client";
import { currentSession } from "@/server/auth";
import { createContext } from "./init";

/**
 * Context for a request from a browser: the database and the session. The session check (one
 * select by the cookie's token hash) also yields the actor, so the procedures' tier needs no
 * second query.
 */
export async function createRequestContext() {
  const [db, session] = await Promise.all([getDb(), currentSession()]);
  return createContext({
    db,
    personId: session?.actor.personId ?? null,
    session: session ? { id: session.id, userId: session.userId, method: session.method } : null,
    requestActor: session ? () => Promise.resolve(session.actor) : undefined,
  });
}
