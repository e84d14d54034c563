import { and, asc, count, eq, gt, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { departments, people, type OrgRole } from "@/db/schema";
import type { Actor } from "@/server/access/actor";

// The people page for HR admins and owners: everyone of the organization, active or not, found
// by name, email or title, a department, a manager (by name or email) and a status. Pages are
// keyset pages on (name, id), walked through the people_org_name_idx index, so the 400th page
// of 20,000 people costs what the first does. Never anything from a pair's assessments.

const manager = alias(people, "manager");

export type PersonStatus = "active" | "deactivated" | "all";

export interface ListPeopleInput {
  query?: string;
  departmentId?: string | null;
  /** A manager's name or email, or part of it. */
  manager?: string;
  status: PersonStatus;
  cursor?: { name: string; id: string } | null;
  limit: number;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const contains = (value: string) => `%${escapeLike(value)}%`;

export async function listPeople(db: Db, actor: Actor, input: ListPeopleInput) {
  const filters: (SQL | undefined)[] = [eq(people.orgId, actor.orgId)];
  if (input.status === "active") filters.push(isNull(people.deactivatedAt));
  if (input.status === "deactivated") filters.push(isNotNull(people.deactivatedAt));
  const query = input.query?.trim();
  if (query)
    filters.push(
      or(
        ilike(people.name, contains(query)),
        ilike(people.email, contains(query)),
        ilike(people.title, contains(query)),
        ilike(people.givenName, contains(query)),
      ),
    );
  if (input.departmentId) filters.push(eq(people.departmentId, input.departmentId));
  const managerQuery = input.manager?.trim();
  if (managerQuery) filters.push(or(ilike(manager.name, contains(managerQuery)), ilike(manager.email, contains(managerQuery))));
  const where = and(...filters);

  const keyset = input.cursor ? or(gt(people.name, input.cursor.name), and(eq(people.name, input.cursor.name), gt(people.id, input.cursor.id))) : undefined;
  const base = () =>
    db
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        title: people.title,
        department: departments.name,
        manager: { id: manager.id, name: manager.name },
        deactivated: sql<boolean>`${people.deactivatedAt} is not null`,
        roles: sql<
          OrgRole[]
        >`coalesce((select array_agg(r.role::text order by r.role) from org_roles r where r.org_id = ${people.orgId} and r.person_id = ${people.id}), '{}')`,
      })
      .from(people)
      .leftJoin(departments, and(eq(departments.orgId, people.orgId), eq(departments.id, people.departmentId)))
      .leftJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)));

  const [rows, [total]] = await Promise.all([
    base()
      .where(and(where, keyset))
      .orderBy(asc(people.name), asc(people.id))
      .limit(input.limit + 1),
    db
      .select({ n: count() })
      .from(people)
      .leftJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)))
      .where(where),
  ]);
  const page = rows.slice(0, input.limit).map((r) => ({ ...r, manager: r.manager?.id ? r.manager : null }));
  const last = page.at(-1);
  return { people: page, total: total?.n ?? 0, next: rows.length > input.limit && last ? { name: last.name, id: last.id } : null };
}

/** The organization's departments, for the filter and the edit form. */
export async function listDepartments(db: Db, actor: Actor) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, actor.orgId)).orderBy(asc(departments.name));
}
