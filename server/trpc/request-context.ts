import { getDb } from "@/db/client";
import { currentPersonId } from "@/server/auth";
import { createContext } from "./init";

/** Context for a request from a browser: the database and the session's person. */
export async function createRequestContext() {
  const [db, personId] = await Promise.all([getDb(), currentPersonId()]);
  return createContext({ db, personId });
}
