import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgRoles, people, type OrgRole } from "@/db/schema";

/** Who is calling: always a person of one organization, resolved from the session. */
export interface Actor {
  personId: string;
  orgId: string;
  roles: ReadonlySet<OrgRole>;
}

/**
 * Tandem itself, acting for one organization on a schedule (the worker opening and closing
 * cycles on their dates, the pre-close reminder). Never a person, never signed in: it reaches
 * only the services that accept it by type, and the audit log names it as automatic.
 */
export interface SystemActor {
  system: "scheduled";
  orgId: string;
  personId: null;
}

export function scheduledActor(orgId: string): SystemActor {
  return { system: "scheduled", orgId, personId: null };
}

/** The signed-in person, or null when they no longer exist or were deactivated. */
export async function loadActor(db: Db, personId: string): Promise<Actor | null> {
  const rows = await db
    .select({ orgId: people.orgId, role: orgRoles.role })
    .from(people)
    .leftJoin(orgRoles, and(eq(orgRoles.orgId, people.orgId), eq(orgRoles.personId, people.id)))
    .where(and(eq(people.id, personId), isNull(people.deactivatedAt)));
  const first = rows[0];
  if (!first) return null;
  const roles = new Set<OrgRole>(["member"]);
  for (const row of rows) if (row.role) roles.add(row.role);
  return { personId, orgId: first.orgId, roles };
}

/**
 * Someone's roles: the actor's set, or the sorted list a page gets with the header's data
 * (`me.shell`). The role rules below answer both, so a page that hides itself or a link asks
 * the same question a procedure tier does.
 */
export type WithRoles = { roles: ReadonlySet<OrgRole> | readonly OrgRole[] };

function hasRole(who: WithRoles, role: OrgRole): boolean {
  return who.roles instanceof Set ? who.roles.has(role) : (who.roles as readonly OrgRole[]).includes(role);
}

/** HR admins and owners: cycles, trends, people administration, organization templates. */
export function isOrgAdmin(who: WithRoles): boolean {
  return hasRole(who, "hr_admin") || hasRole(who, "owner");
}

/** Owners: settings, the audit log, granting the owner role, deactivating an owner. */
export function isOwner(who: WithRoles): boolean {
  return hasRole(who, "owner");
}
