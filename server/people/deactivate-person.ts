import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgRoles, people } from "@/db/schema";
import { isOwner, type Actor } from "@/server/access/actor";
import { endAllSessions } from "@/server/auth/sessions";
import { recordAudit } from "@/server/audit/audit";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { activeOwnerCount } from "./get-person";
import { setManager } from "./set-manager";
import { lockOrganization } from "./update-person";

// Someone left: they can no longer sign in (every session ends now, and every request checks
// that the person is active: server/access/actor.ts, server/auth/sessions.ts), their open
// pairs close through setManager (as a report, and as the manager of each report, who is then
// without a manager until HR gives them one), and nothing they took part in is deleted. Trends
// of cycles they were in keep counting them: those read the pairs and groups as they were when
// the cycle opened (server/trends/inputs.ts, cycle_group_snapshots).

/** The organization's lock, then the person's row: what both changes of status start with. */
async function lockedPerson(tx: Db, orgId: string, personId: string) {
  await lockOrganization(tx, orgId);
  const [person] = await tx
    .select({ id: people.id, name: people.name, deactivatedAt: people.deactivatedAt })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, personId)))
    .for("update");
  if (!person) throw new NotFoundError();
  return person;
}

export async function deactivatePerson(db: Db, actor: Actor, input: { personId: string }) {
  const orgId = actor.orgId;
  return db.transaction(async (tx) => {
    // The organization's lock serializes this with role changes and other deactivations, so
    // two owners deactivating each other can't leave the organization without one.
    const person = await lockedPerson(tx, orgId, input.personId);
    if (person.deactivatedAt) return { deactivated: true, reportsWithoutManager: 0, sessionsEnded: 0 };
    if (person.id === actor.personId) throw new InvalidInputError("You can't deactivate yourself. Ask another HR admin or owner.");

    const [ownerRole] = await tx
      .select({ role: orgRoles.role })
      .from(orgRoles)
      .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.personId, person.id), eq(orgRoles.role, "owner")));
    if (ownerRole) {
      if (!isOwner(actor)) throw new InvalidInputError("Only an owner can deactivate an owner.");
      if ((await activeOwnerCount(tx, orgId)) <= 1)
        throw new ConflictError(`${person.name} is the organization's only owner. Make someone else an owner first.`);
    }

    const at = new Date();
    await setManager(tx, { orgId, personId: person.id, managerId: null, at });
    const reports = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.managerId, person.id), ne(people.id, person.id)));
    for (const r of reports) await setManager(tx, { orgId, personId: r.id, managerId: null, at });

    await tx
      .update(people)
      .set({ deactivatedAt: at })
      .where(and(eq(people.orgId, orgId), eq(people.id, person.id), isNull(people.deactivatedAt)));
    const sessionsEnded = await endAllSessions(tx, { orgId, personId: person.id });
    await recordAudit(tx, actor, "person.deactivated", { name: person.name, reportsWithoutManager: reports.length, sessionsEnded }, { subjectId: person.id });
    return { deactivated: true, reportsWithoutManager: reports.length, sessionsEnded };
  });
}

/** They are back: they may sign in again. Pairs stay closed; HR gives them a manager (and reports) again. */
export async function reactivatePerson(db: Db, actor: Actor, input: { personId: string }) {
  const orgId = actor.orgId;
  return db.transaction(async (tx) => {
    const person = await lockedPerson(tx, orgId, input.personId);
    if (!person.deactivatedAt) return { deactivated: false };
    await tx
      .update(people)
      .set({ deactivatedAt: null })
      .where(and(eq(people.orgId, orgId), eq(people.id, person.id)));
    await recordAudit(tx, actor, "person.reactivated", { name: person.name }, { subjectId: person.id });
    return { deactivated: false };
  });
}
