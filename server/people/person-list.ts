import { and, eq, gt, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { departments, people } from "@/db/schema";

// What the directory and the admins' people list share: a person's row with their department
// and manager, searched by substring and paged by keyset on (name, id).

/** A person's manager: people joined to itself. */
export const manager = alias(people, "manager");
export const withManager = and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId));
export const withDepartment = and(eq(departments.orgId, people.orgId), eq(departments.id, people.departmentId));

/** A person as a list shows them; `manager` is all nulls without one (see keysetPage). */
export const personListColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  title: people.title,
  department: departments.name,
  manager: { id: manager.id, name: manager.name },
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An ILIKE pattern matching the value anywhere, its wildcards taken literally. */
export const contains = (value: string) => `%${escapeLike(value)}%`;

/** Keyset cursor: the name and id of the last person of the previous page. */
export interface PersonCursor {
  name: string;
  id: string;
}

/** The people after the cursor in (name, id) order. */
export function afterCursor(cursor: PersonCursor) {
  return or(gt(people.name, cursor.name), and(eq(people.name, cursor.name), gt(people.id, cursor.id)));
}

/** A page from `limit + 1` rows: the first `limit`, and the cursor for the next page if there is one. */
export function keysetPage<Row extends PersonCursor & { manager: { id: string | null; name: string | null } | null }>(rows: Row[], limit: number) {
  const page = rows.slice(0, limit).map((r) => ({ ...r, manager: r.manager?.id ? r.manager : null }));
  const last = page.at(-1);
  return { people: page, next: rows.length > limit && last ? { name: last.name, id: last.id } : null };
}
