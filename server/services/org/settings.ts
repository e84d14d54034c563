import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { recordAudit } from "@/server/services/audit/audit";
import { InvalidInputError } from "@/server/services/errors";

export const MIN_GROUP_SIZE_RANGE = { min: 3, max: 10 } as const;

export async function getOrgSettings(db: Db, actor: Actor) {
  const [org] = await db.select({ name: organizations.name, minGroupSize: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, actor.orgId));
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
