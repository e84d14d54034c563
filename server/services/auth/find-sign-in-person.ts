import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, people } from "@/db/schema";

/**
 * The person an email address signs in as: an active person with that address. An address
 * that belongs to people in several organizations signs in to the oldest one.
 */
export async function findSignInPerson(db: Db, email: string) {
  const [person] = await db
    .select({ id: people.id, orgId: people.orgId, name: people.name, email: people.email })
    .from(people)
    .where(and(eq(people.email, email.trim().toLowerCase()), isNull(people.deactivatedAt)))
    .orderBy(asc(people.createdAt))
    .limit(1);
  return person ?? null;
}

/** A person of a demo organization, by email, for the demo-only "sign in as". */
export async function findDemoPerson(db: Db, email: string) {
  const [person] = await db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .where(and(eq(people.email, email.trim().toLowerCase()), eq(organizations.isDemo, true), isNull(people.deactivatedAt)))
    .limit(1);
  return person ?? null;
}
