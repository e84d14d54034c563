import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { departments, orgRoles, pairs, people, type OrgRole } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { NotFoundError } from "@/server/errors";

// One person as HR admins and owners see them on the person's page: who they are, their roles
// and status, and their pairs over time (with whom, from when to when). Never what anyone
// answered, wrote or planned in a pair: only that the pair exists.

const manager = alias(people, "manager");
const other = alias(people, "other");

export interface PersonPair {
  id: string;
  /** What this person is in the pair. */
  as: "report" | "manager";
  other: { id: string; name: string };
  startedAt: Date;
  endedAt: Date | null;
}

export async function getPerson(db: Db, actor: Actor, input: { personId: string }) {
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      givenName: people.givenName,
      email: people.email,
      title: people.title,
      department: { id: departments.id, name: departments.name },
      manager: { id: manager.id, name: manager.name, email: manager.email },
      startDate: people.startDate,
      deactivatedAt: people.deactivatedAt,
      createdAt: people.createdAt,
      activeReports: sql<number>`(select count(*)::int from people r where r.org_id = ${people.orgId} and r.manager_id = ${people.id} and r.deactivated_at is null)`,
    })
    .from(people)
    .leftJoin(departments, and(eq(departments.orgId, people.orgId), eq(departments.id, people.departmentId)))
    .leftJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)))
    .where(and(eq(people.orgId, actor.orgId), eq(people.id, input.personId)));
  if (!person) throw new NotFoundError();

  const [roles, pairRows] = await Promise.all([
    db
      .select({ role: orgRoles.role })
      .from(orgRoles)
      .where(and(eq(orgRoles.orgId, actor.orgId), eq(orgRoles.personId, person.id))),
    db
      .select({
        id: pairs.id,
        managerId: pairs.managerId,
        other: { id: other.id, name: other.name },
        startedAt: pairs.startedAt,
        endedAt: pairs.endedAt,
      })
      .from(pairs)
      .innerJoin(
        other,
        and(
          eq(other.orgId, pairs.orgId),
          or(and(eq(pairs.reportId, person.id), eq(other.id, pairs.managerId)), and(eq(pairs.managerId, person.id), eq(other.id, pairs.reportId))),
        ),
      )
      .where(and(eq(pairs.orgId, actor.orgId), or(eq(pairs.reportId, person.id), eq(pairs.managerId, person.id))))
      .orderBy(sql`${pairs.endedAt} is not null`, desc(pairs.startedAt), pairs.id),
  ]);

  const personPairs: PersonPair[] = pairRows.map((p) => ({
    id: p.id,
    as: p.managerId === person.id ? "manager" : "report",
    other: p.other,
    startedAt: p.startedAt,
    endedAt: p.endedAt,
  }));
  return {
    ...person,
    department: person.department?.id ? person.department : null,
    manager: person.manager?.id ? person.manager : null,
    deactivated: person.deactivatedAt !== null,
    roles: roles.map((r) => r.role).filter((r): r is Exclude<OrgRole, "member"> => r !== "member"),
    pairs: personPairs,
  };
}

/** How many active owners the organization has: it must never have none. */
export async function activeOwnerCount(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgRoles)
    .innerJoin(people, and(eq(people.orgId, orgRoles.orgId), eq(people.id, orgRoles.personId)))
    .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.role, "owner"), isNull(people.deactivatedAt)));
  return row?.n ?? 0;
}
