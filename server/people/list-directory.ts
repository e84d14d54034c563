import { and, asc, eq, gt, ilike, isNull, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { departments, people } from "@/db/schema";
import type { Actor } from "@/server/access/actor";

const manager = alias(people, "manager");

export interface DirectoryInput {
  query?: string;
  /** Keyset cursor: the name and id of the last person of the previous page. */
  cursor?: { name: string; id: string } | null;
  limit: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Active people of the caller's own organization, by name, optionally filtered by a search. */
export async function listDirectory(db: Db, actor: Actor, input: DirectoryInput) {
  const filters: (SQL | undefined)[] = [eq(people.orgId, actor.orgId), isNull(people.deactivatedAt)];
  const query = input.query?.trim();
  if (query) {
    const pattern = `%${escapeLike(query)}%`;
    filters.push(or(ilike(people.name, pattern), ilike(people.email, pattern), ilike(people.title, pattern), ilike(departments.name, pattern)));
  }
  if (input.cursor) {
    const { name, id } = input.cursor;
    filters.push(or(gt(people.name, name), and(eq(people.name, name), gt(people.id, id))));
  }
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      title: people.title,
      department: departments.name,
      manager: { id: manager.id, name: manager.name },
    })
    .from(people)
    .leftJoin(departments, and(eq(departments.orgId, people.orgId), eq(departments.id, people.departmentId)))
    .leftJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)))
    .where(and(...filters))
    .orderBy(asc(people.name), asc(people.id))
    .limit(input.limit + 1);

  const page = rows.slice(0, input.limit).map((r) => ({ ...r, manager: r.manager?.id ? r.manager : null }));
  const last = page.at(-1);
  return { people: page, next: rows.length > input.limit && last ? { name: last.name, id: last.id } : null };
}
