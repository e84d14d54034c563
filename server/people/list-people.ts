import { and, asc, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, people, type OrgRole } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { afterCursor, contains, keysetPage, manager, personListColumns, withDepartment, withManager, type PersonCursor } from "./person-list";

// The people page for HR admins and owners: everyone of the organization, active or not, found
// by name, email or title, a department, a manager (by name or email) and a status. Pages are
// keyset pages on (name, id), walked through the people_org_name_idx index, so the 400th page
// of 20,000 people costs what the first does. Never anything from a pair's assessments.

export type PersonStatus = "active" | "deactivated" | "all";

export interface ListPeopleInput {
  query?: string;
  departmentId?: string | null;
  /** A manager's name or email, or part of it. */
  manager?: string;
  status: PersonStatus;
  cursor?: PersonCursor | null;
  limit: number;
}

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

  const keyset = input.cursor ? afterCursor(input.cursor) : undefined;
  const base = () =>
    db
      .select({
        ...personListColumns,
        deactivated: sql<boolean>`${people.deactivatedAt} is not null`,
        roles: sql<
          OrgRole[]
        >`coalesce((select array_agg(r.role::text order by r.role) from org_roles r where r.org_id = ${people.orgId} and r.person_id = ${people.id}), '{}')`,
      })
      .from(people)
      .leftJoin(departments, withDepartment)
      .leftJoin(manager, withManager);

  const [rows, [total]] = await Promise.all([
    base()
      .where(and(where, keyset))
      .orderBy(asc(people.name), asc(people.id))
      .limit(input.limit + 1),
    db.select({ n: count() }).from(people).leftJoin(manager, withManager).where(where),
  ]);
  const { people: page, next } = keysetPage(rows, input.limit);
  return { people: page, total: total?.n ?? 0, next };
}

/** The organization's departments, for the filter and the edit form. */
export async function listDepartments(db: Db, actor: Actor) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, actor.orgId)).orderBy(asc(departments.name));
}
