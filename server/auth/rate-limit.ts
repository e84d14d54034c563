import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

// Sign-in links (server/auth/request-sign-in-link.ts): generous for a person who
// mistyped, tight for someone mailing a victim in a loop. The per-address limit counts per
// client too, so nobody can use it up for someone else.
export const SIGN_IN_PER_EMAIL_AND_CLIENT: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_CLIENT: RateLimit = { limit: 20, windowSeconds: 15 * 60 };

function result(count: number, windowStart: Date, rule: RateLimit): RateLimitResult {
  const resetsAt = windowStart.getTime() + rule.windowSeconds * 1000;
  return {
    allowed: count <= rule.limit,
    retryAfterSeconds: Math.max(0, Math.ceil((resetsAt - Date.now()) / 1000)),
  };
}

/**
 * Counts one hit against `key` in a fixed window, atomically in the database, so the limit
 * holds across app server instances.
 */
export async function hitRateLimit(db: Db, key: string, rule: RateLimit): Promise<RateLimitResult> {
  const expired = sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${rule.windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (!row) throw new Error("rate limit upsert returned no row");
  return result(row.count, row.windowStart, rule);
}

/**
 * Whether the next hit would be refused, without counting one.
 *
 * @internal The product only ever counts (hitRateLimit); tests watch a window through this without spending a hit.
 */
export async function peekRateLimit(db: Db, key: string, rule: RateLimit): Promise<RateLimitResult> {
  const [row] = await db
    .select({
      count: rateLimits.count,
      windowStart: rateLimits.windowStart,
      expired: sql<boolean>`${rateLimits.windowStart} <= now() - make_interval(secs => ${rule.windowSeconds})`,
    })
    .from(rateLimits)
    .where(eq(rateLimits.key, key));
  if (!row || row.expired) return { allowed: true, retryAfterSeconds: 0 };
  return result(row.count + 1, row.windowStart, rule);
}
