import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, people } from "@/db/schema";
import type { Actor, SystemActor } from "@/server/access/actor";

export type AuditAction =
  | "cycle.created"
  | "cycle.opened"
  | "cycle.closed"
  | "cycle.reminded"
  | "people.imported"
  | "settings.changed"
  | "trends.exported"
  | "template.created"
  | "template.updated"
  | "template.deleted";

/** How the log names Tandem when it acted on a schedule rather than a person (actor_id null). */
export const SCHEDULED_ACTOR_NAME = "Tandem (scheduled)";

/**
 * Records an admin action in the same transaction as the change it describes. Tandem's own
 * scheduled actions have no person: actor_id stays null, the name says who, and
 * `automatic: true` in the details marks them (a person could be named anything; only this
 * path writes the flag).
 */
export async function recordAudit(tx: Db, actor: Actor | SystemActor, action: AuditAction, details: Record<string, string | number | boolean | null> = {}) {
  if (actor.personId === null) {
    await tx.insert(auditLog).values({ orgId: actor.orgId, actorId: null, actorName: SCHEDULED_ACTOR_NAME, action, details: { ...details, automatic: true } });
    return;
  }
  const [me] = await tx.select({ name: people.name }).from(people).where(and(eq(people.orgId, actor.orgId), eq(people.id, actor.personId)));
  await tx.insert(auditLog).values({ orgId: actor.orgId, actorId: actor.personId, actorName: me?.name ?? "Unknown", action, details });
}

/** The organization's audit log, newest first, a page at a time (owners only: checked by the procedure). */
export async function listAudit(db: Db, actor: Actor, input: { before?: Date | null; limit: number }) {
  const rows = await db
    .select({
      id: auditLog.id,
      actorName: auditLog.actorName,
      /** Done by Tandem on a schedule, not by a person. */
      automatic: sql<boolean>`(${auditLog.actorId} is null and ${auditLog.details} @> '{"automatic": true}'::jsonb)`,
      action: auditLog.action,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, actor.orgId), input.before ? lt(auditLog.createdAt, input.before) : undefined))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  return { entries: rows.slice(0, input.limit), next: rows.length > input.limit ? rows[input.limit - 1]!.createdAt : null };
}
