import type { Db } from "@/db/client";
import { createSession, identityPeople, type IdentityPerson } from "@/server/auth/sessions";
import type { Handoff } from "./session-cookie";

/** Only same-site paths, so a crafted link cannot send people elsewhere after sign-in. */
export function safeNext(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

/** The people a just-proven identity may be signed in as: the demo's one chosen person, or every person holding its address. */
export async function handoffPeople(db: Db, handoff: Handoff): Promise<IdentityPerson[]> {
  const all = await identityPeople(db, handoff);
  return handoff.method === "demo" ? all.filter((p) => p.personId === handoff.demoPersonId) : all;
}

export type ContinueResult = { kind: "noAccount" } | { kind: "choose"; people: IdentityPerson[] } | { kind: "session"; token: string; person: IdentityPerson };

/**
 * After Auth.js proved an identity: a session for its only person, or for the one chosen among
 * several organizations; "choose" when there are several and none (or someone else) was chosen.
 */
export async function continueSignIn(db: Db, handoff: Handoff, chosenPersonId?: string): Promise<ContinueResult> {
  const people = await handoffPeople(db, handoff);
  if (people.length === 0) return { kind: "noAccount" };
  const person = people.length === 1 && !chosenPersonId ? people[0] : people.find((p) => p.personId === chosenPersonId);
  if (!person) return { kind: "choose", people };
  const { token } = await createSession(db, { userId: handoff.userId, method: handoff.method, orgId: person.orgId, personId: person.personId });
  return { kind: "session", token, person };
}
