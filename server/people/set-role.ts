import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgRoles, people } from "@/db/schema";
import { isOwner, type Actor } from "@/server/access/actor";
import { recordAudit } from "@/server/audit/audit";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { activeOwnerCount } from "./get-person";
import { lockOrganization } from "./update-person";

// Granting and removing the HR admin and owner roles. Only owners grant or remove owner (the
// procedure's tier checks it, and so does this). An organization always keeps at least one
// active owner: the check and the change happen under the organization's lock, so two owners
// removing each other at the same moment leave one of them an owner.

export type AdminRole = "hr_admin" | "owner";

const ROLE_NAMES: Record<AdminRole, string> = { hr_admin: "HR admin", owner: "owner" };

export async function setRole(db: Db, actor: Actor, input: { personId: string; role: AdminRole; granted: boolean }) {
  if (input.role === "owner" && !isOwner(actor)) throw new NotFoundError();
  const orgId = actor.orgId;
  return db.transaction(async (tx) => {
    await lockOrganization(tx, orgId);
    // The caller's own owner role, read again under the lock: one removed a moment ago counts.
    if (input.role === "owner") {
      const [stillOwner] = await tx
        .select({ role: orgRoles.role })
        .from(orgRoles)
        .innerJoin(people, and(eq(people.orgId, orgRoles.orgId), eq(people.id, orgRoles.personId), isNull(people.deactivatedAt)))
        .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.personId, actor.personId), eq(orgRoles.role, "owner")));
      if (!stillOwner) throw new NotFoundError();
    }
    const [person] = await tx
      .select({ id: people.id, name: people.name, deactivatedAt: people.deactivatedAt })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.id, input.personId)));
    if (!person) throw new NotFoundError();
    const [held] = await tx
      .select({ role: orgRoles.role })
      .from(orgRoles)
      .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.personId, person.id), eq(orgRoles.role, input.role)));
    if (Boolean(held) === input.granted) return { granted: input.granted, changed: false };

    if (input.granted) {
      if (person.deactivatedAt) throw new InvalidInputError(`${person.name} is deactivated. Reactivate them before giving them a role.`);
      await tx.insert(orgRoles).values({ orgId, personId: person.id, role: input.role });
    } else {
      if (input.role === "owner" && !person.deactivatedAt && (await activeOwnerCount(tx, orgId)) <= 1) {
        throw new ConflictError(`${person.name} is the organization's only owner. Make someone else an owner first.`);
      }
      await tx.delete(orgRoles).where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.personId, person.id), eq(orgRoles.role, input.role)));
    }
    await recordAudit(
      tx,
      actor,
      input.granted ? "person.role_granted" : "person.role_removed",
      { name: person.name, role: ROLE_NAMES[input.role] },
      { subjectId: person.id },
    );
    return { granted: input.granted, changed: true };
  });
}
