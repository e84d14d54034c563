import { eq } from "drizzle-orm";
import { IANAZone } from "luxon";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { MIN_GROUP_SIZE_MAX, MIN_GROUP_SIZE_MIN } from "@/server/analysis/anonymity";
import { recordAudit } from "@/server/audit/audit";
import { InvalidInputError } from "@/server/errors";

/** What owners may set k to (PRODUCT.md §5 rule 1): the range the anonymity rules accept. */
export const MIN_GROUP_SIZE_RANGE = { min: MIN_GROUP_SIZE_MIN, max: MIN_GROUP_SIZE_MAX } as const;

export async function getOrgSettings(db: Db, actor: Actor) {
  const [org] = await db
    .select({ name: organizations.name, minGroupSize: organizations.minGroupSize, timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  return org!;
}

/**
 * Changes the minimum group size k for HR figures. Cycles already opened keep the k they were
 * opened with (participants were told it before answering); new cycles take the new one.
 */
export async function setMinGroupSize(db: Db, actor: Actor, input: { minGroupSize: number }) {
  const { min, max } = MIN_GROUP_SIZE_RANGE;
  if (!Number.isInteger(input.minGroupSize) || input.minGroupSize < min || input.minGroupSize > max) {
    throw new InvalidInputError(`The minimum group size must be a whole number from ${min} to ${max}.`);
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ k: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, actor.orgId)).for("update");
    if (before?.k === input.minGroupSize) return { minGroupSize: input.minGroupSize };
    await tx.update(organizations).set({ minGroupSize: input.minGroupSize }).where(eq(organizations.id, actor.orgId));
    await recordAudit(tx, actor, "settings.changed", { setting: "minGroupSize", from: before?.k ?? null, to: input.minGroupSize });
    return { minGroupSize: input.minGroupSize };
  });
}

/**
 * The IANA zone name as Tandem stores it ("europe/berlin" → "Europe/Berlin"), or null when it
 * is not one: only area/location names and UTC-style names, never offsets like "+01:00"
 * (those ignore daylight saving, so a cycle would open an hour off for half the year).
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(trimmed) || !IANAZone.isValidZone(trimmed)) return null;
  return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
}

/**
 * Changes the organization's time zone, in which cycle dates are read: draft and open cycles
 * open and close at midnight of their dates in the new zone from the next sweep on.
 */
export async function setTimeZone(db: Db, actor: Actor, input: { timeZone: string }) {
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) {
    throw new InvalidInputError(
      `"${input.timeZone.trim().slice(0, 64)}" is not a time zone Tandem knows. Choose one from the list, or type an IANA name such as Europe/Berlin or America/New_York.`,
    );
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, actor.orgId)).for("update");
    if (before?.timeZone === timeZone) return { timeZone };
    await tx.update(organizations).set({ timeZone }).where(eq(organizations.id, actor.orgId));
    await recordAudit(tx, actor, "settings.changed", { setting: "timeZone", from: before?.timeZone ?? null, to: timeZone });
    return { timeZone };
  });
}
