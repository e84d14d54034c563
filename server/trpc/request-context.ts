import { getDb } from "@/db/client";
import { loadActor, type Actor } from "@/server/access/actor";
import { currentPersonId } from "@/server/auth";
import { createContext } from "./init";

/** Context for a request from a browser: the database and the session's person. */
export async function createRequestContext() {
  const [db, personId] = await Promise.all([getDb(), currentPersonId()]);
  let actor: Promise<Actor | null> | undefined;
  return createContext({ db, personId, requestActor: personId ? () => (actor ??= loadActor(db, personId)) : undefined });
}
