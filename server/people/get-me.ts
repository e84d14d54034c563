import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { departments, organizations, pairs, people } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { NotFoundError } from "@/server/errors";

const other = alias(people, "other");
const otherDepartment = alias(departments, "other_department");

const counterpart = {
  id: other.id,
  name: other.name,
  givenName: other.givenName,
  title: other.title,
  department: otherDepartment.name,
};

/** The signed-in person, their organization and roles, and their pairs from both sides. */
export async function getMe(db: Db, actor: Actor) {
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      givenName: people.givenName,
      email: people.email,
      title: people.title,
      startDate: people.startDate,
      department: departments.name,
      org: { id: organizations.id, name: organizations.name, minGroupSize: organizations.minGroupSize, isDemo: organizations.isDemo },
    })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .leftJoin(departments, and(eq(departments.orgId, people.orgId), eq(departments.id, people.departmentId)))
    .where(and(eq(people.orgId, actor.orgId), eq(people.id, actor.personId)));
  if (!row) throw new NotFoundError();

  const pairColumns = { id: pairs.id, startedAt: pairs.startedAt, endedAt: pairs.endedAt };
  // Open pairs first, by name; then past ones, most recently ended first.
  const order = [sql`${pairs.endedAt} is not null`, desc(pairs.endedAt), asc(other.name)];

  const [asReport, asManager] = await Promise.all([
    db
      .select({ ...pairColumns, manager: counterpart })
      .from(pairs)
      .innerJoin(other, and(eq(other.orgId, pairs.orgId), eq(other.id, pairs.managerId)))
      .leftJoin(otherDepartment, and(eq(otherDepartment.orgId, other.orgId), eq(otherDepartment.id, other.departmentId)))
      .where(and(eq(pairs.orgId, actor.orgId), eq(pairs.reportId, actor.personId)))
      .orderBy(...order),
    db
      .select({ ...pairColumns, report: counterpart })
      .from(pairs)
      .innerJoin(other, and(eq(other.orgId, pairs.orgId), eq(other.id, pairs.reportId)))
      .leftJoin(otherDepartment, and(eq(otherDepartment.orgId, other.orgId), eq(otherDepartment.id, other.departmentId)))
      .where(and(eq(pairs.orgId, actor.orgId), eq(pairs.managerId, actor.personId), isNull(other.deactivatedAt)))
      .orderBy(...order),
  ]);

  const { org, ...person } = row;
  return { person, org, roles: [...actor.roles].sort(), pairs: { asReport, asManager } };
}

/**
 * What every signed-in page's header shows: the person's name, their organization's name and
 * their roles, in one query. Pages that need the pairs too call getMe.
 */
export async function getMyShell(db: Db, actor: Actor) {
  const [row] = await db
    .select({ person: { id: people.id, name: people.name }, org: { id: organizations.id, name: organizations.name } })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .where(and(eq(people.orgId, actor.orgId), eq(people.id, actor.personId)));
  if (!row) throw new NotFoundError();
  return { ...row, roles: [...actor.roles].sort() };
}
