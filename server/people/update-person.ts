import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, organizations, people, type AuditFieldChange } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { endAllSessions } from "@/server/auth/sessions";
import { recordAudit } from "@/server/audit/audit";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { setManager } from "./set-manager";

// Editing one person from their page, with the import's rules (server/people-import/plan.ts):
// an address unique in the organization, a manager who is an active person of the organization
// and not below them, departments found case-insensitively or created. A manager change goes
// through setManager, exactly as an import's does: the old pair closes with its history, a new
// one opens. Everything that changed is audited field by field, old and new value.

export interface PersonFields {
  name: string;
  givenName: string | null;
  email: string;
  title: string | null;
  department: string | null;
  startDate: string | null;
  managerEmail: string | null;
}

/**
 * Takes the organization's lock that imports take (organizations row, NO KEY UPDATE), so an edit
 * and an import, or two edits, never decide on the same stale picture of the chart.
 */
export async function lockOrganization(tx: Db, orgId: string): Promise<void> {
  const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for("no key update");
  if (!org) throw new NotFoundError();
}

const FIELD_ORDER: (keyof PersonFields)[] = ["name", "givenName", "email", "title", "department", "startDate"];

export async function updatePerson(db: Db, actor: Actor, input: { personId: string } & PersonFields) {
  const orgId = actor.orgId;
  const email = input.email.trim().toLowerCase();
  const managerEmail = input.managerEmail?.trim().toLowerCase() || null;
  return db
    .transaction(async (tx) => {
      await lockOrganization(tx, orgId);
      const [person] = await tx
        .select({
          id: people.id,
          name: people.name,
          givenName: people.givenName,
          email: people.email,
          title: people.title,
          departmentId: people.departmentId,
          department: departments.name,
          startDate: people.startDate,
          managerId: people.managerId,
          deactivatedAt: people.deactivatedAt,
        })
        .from(people)
        .leftJoin(departments, and(eq(departments.orgId, people.orgId), eq(departments.id, people.departmentId)))
        .where(and(eq(people.orgId, orgId), eq(people.id, input.personId)))
        .for("update", { of: people });
      if (!person) throw new NotFoundError();

      if (email !== person.email) {
        const [taken] = await tx
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.orgId, orgId), eq(people.email, email), ne(people.id, person.id)));
        if (taken) throw new InvalidInputError(`Someone else in your organization already has the email ${email}.`);
      }

      let manager: { id: string; name: string } | null = null;
      if (managerEmail) {
        const [row] = await tx
          .select({ id: people.id, name: people.name, deactivatedAt: people.deactivatedAt })
          .from(people)
          .where(and(eq(people.orgId, orgId), eq(people.email, managerEmail)));
        if (!row) throw new InvalidInputError(`No one with the email ${managerEmail} is in your organization.`);
        if (row.id === person.id) throw new InvalidInputError("A person cannot be their own manager.");
        if (row.deactivatedAt) throw new InvalidInputError(`${managerEmail} has been deactivated and can't be a manager.`);
        manager = { id: row.id, name: row.name };
      }
      if (person.deactivatedAt && manager && manager.id !== person.managerId) {
        throw new InvalidInputError("Reactivate this person before giving them a manager.");
      }

      // A department is found whatever its case, or created as typed.
      let departmentId: string | null = null;
      let departmentName: string | null = null;
      if (input.department) {
        const [existing] = await tx
          .select({ id: departments.id, name: departments.name })
          .from(departments)
          .where(and(eq(departments.orgId, orgId), sql`lower(${departments.name}) = lower(${input.department})`));
        if (existing) ({ id: departmentId, name: departmentName } = existing);
        else {
          const [created] = await tx.insert(departments).values({ orgId, name: input.department }).returning({ id: departments.id, name: departments.name });
          ({ id: departmentId, name: departmentName } = created!);
        }
      }

      const before: Record<string, string | null> = {
        name: person.name,
        givenName: person.givenName,
        email: person.email,
        title: person.title,
        department: person.department,
        startDate: person.startDate,
      };
      const after: Record<string, string | null> = {
        name: input.name,
        givenName: input.givenName,
        email,
        title: input.title,
        department: departmentName,
        startDate: input.startDate,
      };
      const changes: AuditFieldChange[] = FIELD_ORDER.filter((f) => before[f] !== after[f]).map((field) => ({
        field,
        from: before[field] ?? null,
        to: after[field] ?? null,
      }));

      if (changes.length > 0) {
        await tx
          .update(people)
          .set({ name: input.name, givenName: input.givenName, email, title: input.title, departmentId, startDate: input.startDate })
          .where(and(eq(people.orgId, orgId), eq(people.id, person.id)));
        await recordAudit(tx, actor, "person.updated", { name: input.name, changes }, { subjectId: person.id });
        // A new address is a new sign-in identity: sessions of the old one end now rather than
        // failing one by one.
        if (email !== person.email) await endAllSessions(tx, { orgId, personId: person.id });
      }

      let managerChanged = false;
      if ((manager?.id ?? null) !== person.managerId) {
        const [previous] = person.managerId
          ? await tx
              .select({ name: people.name })
              .from(people)
              .where(and(eq(people.orgId, orgId), eq(people.id, person.managerId)))
          : [];
        managerChanged = (await setManager(tx, { orgId, personId: person.id, managerId: manager?.id ?? null })).changed;
        if (managerChanged) {
          await recordAudit(
            tx,
            actor,
            "person.manager_changed",
            { name: input.name, changes: [{ field: "manager", from: previous?.name ?? null, to: manager?.name ?? null }] },
            { subjectId: person.id },
          );
        }
      }
      return { changed: changes.map((c) => c.field).concat(managerChanged ? ["manager"] : []) };
    })
    .catch((err: unknown) => {
      // Someone took the address between our check and our write.
      if ((err as { cause?: { code?: string } })?.cause?.code === "23505" || (err as { code?: string })?.code === "23505") {
        throw new ConflictError(`Someone else in your organization already has the email ${email}.`);
      }
      throw err;
    });
}
