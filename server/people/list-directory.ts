import { and, asc, ilike, isNull, eq, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, people } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { afterCursor, contains, keysetPage, manager, personListColumns, withDepartment, withManager, type PersonCursor } from "./person-list";

export interface DirectoryInput {
  query?: string;
  cursor?: PersonCursor | null;
  limit: number;
}

/** Active people of the caller's own organization, by name, optionally filtered by a search. */
export async function listDirectory(db: Db, actor: Actor, input: DirectoryInput) {
  const filters: (SQL | undefined)[] = [eq(people.orgId, actor.orgId), isNull(people.deactivatedAt)];
  const query = input.query?.trim();
  if (query) {
    const pattern = contains(query);
    filters.push(or(ilike(people.name, pattern), ilike(people.email, pattern), ilike(people.title, pattern), ilike(departments.name, pattern)));
  }
  if (input.cursor) filters.push(afterCursor(input.cursor));
  const rows = await db
    .select(personListColumns)
    .from(people)
    .leftJoin(departments, withDepartment)
    .leftJoin(manager, withManager)
    .where(and(...filters))
    .orderBy(asc(people.name), asc(people.id))
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit);
}
