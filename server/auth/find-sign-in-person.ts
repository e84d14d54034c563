import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, people } from "@/db/schema";

/**
 * Whether an address belongs to an active person of some organization: who may be sent a
 * sign-in link, or sign in by SSO. Which person (organization) the session names is chosen
 * afterwards, among those the identity holds (server/auth/sessions.ts).
 */
export async function hasSignInPerson(db: Db, email: string): Promise<boolean> {
  const [person] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.email, email.trim().toLowerCase()), isNull(people.deactivatedAt)))
    .limit(1);
  return person !== undefined;
}

/** An active person of a demo organization, by id, for the demo-only "sign in as". */
export async function findDemoPersonById(db: Db, personId: string) {
  const [person] = await db
    .select({ id: people.id, orgId: people.orgId, name: people.name, email: people.email })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .where(and(eq(people.id, personId), eq(organizations.isDemo, true), isNull(people.deactivatedAt)))
    .limit(1);
  return person ?? null;
}
