import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, people, type AuditDetails } from "@/db/schema";
import type { Actor, SystemActor } from "@/server/access/actor";

/** Every action, for the log's filter. */
export const AUDIT_ACTIONS = [
  "people.imported",
  "person.updated",
  "person.manager_changed",
  "person.deactivated",
  "person.reactivated",
  "person.role_granted",
  "person.role_removed",
  "cycle.created",
  "cycle.opened",
  "cycle.closed",
  "cycle.reminded",
  "settings.changed",
  "trends.exported",
  "template.created",
  "template.updated",
  "template.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How the log names Tandem when it acted on a schedule rather than a person (actor_id null). */
export const SCHEDULED_ACTOR_NAME = "Tandem (scheduled)";

/**
 * Records an admin action in the same transaction as the change it describes. Tandem's own
 * scheduled actions have no person: actor_id stays null, the name says who, and
 * `automatic: true` in the details marks them (a person could be named anything; only this
 * path writes the flag).
 */
export async function recordAudit(tx: Db, actor: Actor | SystemActor, action: AuditAction, details: AuditDetails = {}, options: { subjectId?: string } = {}) {
  const subjectId = options.subjectId ?? null;
  if (actor.personId === null) {
    await tx
      .insert(auditLog)
      .values({ orgId: actor.orgId, actorId: null, actorName: SCHEDULED_ACTOR_NAME, action, subjectId, details: { ...details, automatic: true } });
    return;
  }
  const [me] = await tx
    .select({ name: people.name })
    .from(people)
    .where(and(eq(people.orgId, actor.orgId), eq(people.id, actor.personId)));
  await tx.insert(auditLog).values({ orgId: actor.orgId, actorId: actor.personId, actorName: me?.name ?? "Unknown", action, subjectId, details });
}

export interface AuditFilter {
  action?: AuditAction | null;
  /** Entries about the person with this email, or done by them. */
  personEmail?: string | null;
  /** Calendar days in UTC, both included. */
  from?: string | null;
  to?: string | null;
}

/** The organization's audit log, newest first, a page at a time (owners only: checked by the procedure). */
export async function listAudit(db: Db, actor: Actor, input: { before?: Date | null; limit: number } & AuditFilter) {
  const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  const rows = await db
    .select({
      id: auditLog.id,
      actorName: auditLog.actorName,
      /** Done by Tandem on a schedule, not by a person. */
      automatic: sql<boolean>`(${auditLog.actorId} is null and ${auditLog.details} @> '{"automatic": true}'::jsonb)`,
      action: auditLog.action,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, actor.orgId),
        input.before ? lt(auditLog.createdAt, input.before) : undefined,
        input.action ? eq(auditLog.action, input.action) : undefined,
        input.personEmail
          ? sql`exists (select 1 from people p where p.org_id = ${auditLog.orgId} and p.email = ${input.personEmail.trim().toLowerCase()} and (p.id = ${auditLog.subjectId} or p.id = ${auditLog.actorId}))`
          : undefined,
        input.from ? gte(auditLog.createdAt, new Date(`${input.from}T00:00:00Z`)) : undefined,
        input.to ? lt(auditLog.createdAt, dayAfter(input.to)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  return { entries: rows.slice(0, input.limit), next: rows.length > input.limit ? rows[input.limit - 1]!.createdAt : null };
}
