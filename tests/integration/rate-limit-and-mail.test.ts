import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEmails, rateLimits } from "@/db/schema";
import { hitRateLimit, peekRateLimit } from "@/server/auth/rate-limit";
import { sendMail } from "@/server/mail";
import { createTestDb, type TestDb } from "../support/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("rate limits", () => {
  const rule = { limit: 3, windowSeconds: 60 };

  it("allows `limit` hits per window per key, then refuses with the time to wait", async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit(t.db, "k:a", rule));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[4]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hitRateLimit(t.db, "k:b", rule)).allowed).toBe(true);
  });

  it("peeking does not count", async () => {
    for (let i = 0; i < 10; i++) expect((await peekRateLimit(t.db, "k:peek", rule)).allowed).toBe(true);
    await hitRateLimit(t.db, "k:peek", rule);
    await hitRateLimit(t.db, "k:peek", rule);
    expect((await peekRateLimit(t.db, "k:peek", rule)).allowed).toBe(true);
    await hitRateLimit(t.db, "k:peek", rule);
    expect((await peekRateLimit(t.db, "k:peek", rule)).allowed).toBe(false);
  });

  it("starts a new window once the old one has passed", async () => {
    for (let i = 0; i < 4; i++) await hitRateLimit(t.db, "k:window", rule);
    await t.db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(eq(rateLimits.key, "k:window"));
    expect((await peekRateLimit(t.db, "k:window", rule)).allowed).toBe(true);
    expect((await hitRateLimit(t.db, "k:window", rule)).allowed).toBe(true);
  });

  it("counts concurrent hits exactly", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(t.db, "k:race", rule)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });
});

describe("mail in demo mode without SMTP", () => {
  it("goes to the outbox", async () => {
    const delivery = await sendMail(t.db, { to: "someone@example.test", subject: "Hello", text: "Body" });
    expect(delivery).toBe("outbox");
    const rows = await t.db.select().from(outboxEmails).where(eq(outboxEmails.to, "someone@example.test"));
    expect(rows.map((r) => r.subject)).toEqual(["Hello"]);
  });
});
