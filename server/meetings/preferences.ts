import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { meetingPreferences } from "@/db/schema";
import type { Actor } from "@/server/access/actor";

// A person's meeting preferences: how long before a 1:1 to be reminded (or not at all), the
// weekly digest of pending assessments, and their private calendar feed. The feed token is
// 32 random bytes shown once; only its SHA-256 is stored, so a database leak reveals no feed
// URL, and regenerating replaces the hash, which revokes the old URL at once.

export const DEFAULT_REMINDER_MINUTES = 1440;

export function hashCalendarToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function getPreferences(db: Db, actor: Actor) {
  const [row] = await db
    .select({
      reminderMinutes: meetingPreferences.reminderMinutes,
      assessmentDigest: meetingPreferences.assessmentDigest,
      calendarTokenCreatedAt: meetingPreferences.calendarTokenCreatedAt,
    })
    .from(meetingPreferences)
    .where(and(eq(meetingPreferences.orgId, actor.orgId), eq(meetingPreferences.personId, actor.personId)));
  return {
    reminderMinutes: row ? row.reminderMinutes : DEFAULT_REMINDER_MINUTES,
    assessmentDigest: row?.assessmentDigest ?? ("weekly" as const),
    calendarFeed: row?.calendarTokenCreatedAt ? { createdAt: row.calendarTokenCreatedAt } : null,
  };
}

export async function setPreferences(db: Db, actor: Actor, input: { reminderMinutes: number | null; assessmentDigest: "weekly" | "off" }) {
  const now = new Date();
  await db
    .insert(meetingPreferences)
    .values({ personId: actor.personId, orgId: actor.orgId, reminderMinutes: input.reminderMinutes, assessmentDigest: input.assessmentDigest, updatedAt: now })
    .onConflictDoUpdate({
      target: meetingPreferences.personId,
      set: { reminderMinutes: input.reminderMinutes, assessmentDigest: input.assessmentDigest, updatedAt: now },
    });
  return getPreferences(db, actor);
}

/** A new feed token (the old URL stops working). The token is returned once and never again. */
export async function regenerateCalendarToken(db: Db, actor: Actor) {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  const tokenHash = hashCalendarToken(token);
  await db
    .insert(meetingPreferences)
    .values({ personId: actor.personId, orgId: actor.orgId, calendarTokenHash: tokenHash, calendarTokenCreatedAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: meetingPreferences.personId, set: { calendarTokenHash: tokenHash, calendarTokenCreatedAt: now, updatedAt: now } });
  return { token };
}

/** Turns the feed off: the URL answers "not found" from now on. */
export async function revokeCalendarToken(db: Db, actor: Actor) {
  await db
    .update(meetingPreferences)
    .set({ calendarTokenHash: null, calendarTokenCreatedAt: null, updatedAt: new Date() })
    .where(and(eq(meetingPreferences.orgId, actor.orgId), eq(meetingPreferences.personId, actor.personId)));
  return { revoked: true };
}
