import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { organizations, orgRoles, pairs, people } from "@/db/schema";

const manager = alias(people, "manager");

/** People of demo organizations for the demo-only "sign in as" list, with what makes each one interesting. */
export async function listDemoPeople(db: Db) {
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      title: people.title,
      managerName: manager.name,
      roles: sql<
        string[]
      >`coalesce((select array_agg(${orgRoles.role}::text order by ${orgRoles.role}) from ${orgRoles} where ${orgRoles.orgId} = ${people.orgId} and ${orgRoles.personId} = ${people.id}), '{}')`,
      reports: sql<number>`(select count(*)::int from ${pairs} where ${pairs.orgId} = ${people.orgId} and ${pairs.managerId} = ${people.id} and ${pairs.endedAt} is null)`,
    })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .leftJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)))
    .where(and(eq(organizations.isDemo, true), isNull(people.deactivatedAt)))
    .orderBy(asc(people.name));

  // A short list that shows every point of view: owner, HR admin, someone who is both a
  // manager and a report, and one of their reports.
  const featured = new Map<string, number>();
  for (const r of rows) if (r.roles.includes("owner")) featured.set(r.id, 0);
  for (const r of rows) if (r.roles.includes("hr_admin") && !featured.has(r.id)) featured.set(r.id, 1);
  const middle = rows.filter((r) => r.managerName && r.reports > 0 && r.roles.length === 0).sort((a, b) => b.reports - a.reports)[0];
  if (middle) {
    featured.set(middle.id, 2);
    const report = rows.find((r) => r.managerName === middle.name && r.reports === 0);
    if (report) featured.set(report.id, 3);
  }
  return rows
    .map((r) => ({ ...r, featured: featured.has(r.id), rank: featured.get(r.id) ?? 4 }))
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
}

export type DemoPerson = Awaited<ReturnType<typeof listDemoPeople>>[number];
