import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycles } from "@/db/schema";
import { everyoneBut, openCycleFor, outcomeOf } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

let t: TestDb;
let w: World;
beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

describe("organization settings", () => {
  it("only the owner reads and changes k; everyone else gets NOT_FOUND and changes nothing", async () => {
    const owner = callerFor(t.db, w.a.owner.id);
    expect(await owner.org.settings()).toEqual({ name: "Org A", minGroupSize: 5, timeZone: "UTC" });
    const before = await databaseFingerprint(t.db);
    for (const p of everyoneBut(w, w.a.owner.id, w.b.owner.id)) {
      const caller = callerFor(t.db, p.id);
      expect((await outcomeOf(caller.org.settings())).code, p.label).toBe("NOT_FOUND");
      expect((await outcomeOf(caller.org.setMinGroupSize({ minGroupSize: 3 }))).code, p.label).toBe("NOT_FOUND");
      expect((await outcomeOf(caller.org.setTimeZone({ timeZone: "Europe/Berlin" }))).code, p.label).toBe("NOT_FOUND");
      expect((await outcomeOf(caller.org.auditLog({ limit: 10 }))).code, p.label).toBe("NOT_FOUND");
    }
    expect((await outcomeOf(callerFor(t.db, null).org.settings())).code).toBe("UNAUTHORIZED");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("accepts 3 to 10 only, with a clear message, changing nothing otherwise", async () => {
    const owner = callerFor(t.db, w.a.owner.id);
    const before = await databaseFingerprint(t.db);
    for (const k of [2, 11, 4.5, -1]) {
      const result = await outcomeOf(owner.org.setMinGroupSize({ minGroupSize: k }));
      expect(result.code, String(k)).toBe("BAD_REQUEST");
      expect(result.message).toMatch(/at least 3|at most 10|whole number/);
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("a change applies to new cycles; an open cycle keeps the k it opened with; each step is in the audit log", async () => {
    const owner = callerFor(t.db, w.a.owner.id);
    const { cycleId } = await openCycleFor(t.db, w, "a", { name: "Before the change" });
    await owner.org.setMinGroupSize({ minGroupSize: 7 });
    const [cycle] = await t.db.select({ k: cycles.minGroupSize }).from(cycles).where(eq(cycles.id, cycleId));
    expect(cycle?.k).toBe(5);
    const { cycleId: later } = await openCycleFor(t.db, w, "a", { name: "After the change" });
    const [next] = await t.db.select({ k: cycles.minGroupSize }).from(cycles).where(eq(cycles.id, later));
    expect(next?.k).toBe(7);

    const { entries } = await owner.org.auditLog({ limit: 50 });
    expect(entries.map((e) => [e.actorName, e.action])).toEqual([
      ["HR A", "cycle.opened"],
      ["HR A", "cycle.created"],
      ["Owner A", "settings.changed"],
      ["HR A", "cycle.opened"],
      ["HR A", "cycle.created"],
    ]);
    expect(entries[2]?.details).toEqual({ setting: "minGroupSize", from: 5, to: 7 });
    // Org B's owner sees only org B's log.
    expect((await callerFor(t.db, w.b.owner.id).org.auditLog({ limit: 50 })).entries).toEqual([]);
    expect((await callerFor(t.db, w.b.owner.id).org.settings()).minGroupSize).toBe(5);
  });

  it("takes the time zone as an IANA name only: a bad one gets a clear message and nothing is saved", async () => {
    const owner = callerFor(t.db, w.b.owner.id);
    const before = await databaseFingerprint(t.db);
    for (const timeZone of [
      "Mars/Olympus_Mons",
      "+01:00",
      "GMT+01:00",
      "Europe/Berlin; drop table",
      "",
      "   ",
      "../../etc/passwd",
      "Europe\u0000Berlin",
      "x".repeat(65),
    ]) {
      const result = await outcomeOf(owner.org.setTimeZone({ timeZone }));
      expect(result.code, JSON.stringify(timeZone)).toBe("BAD_REQUEST");
      expect(result.message, JSON.stringify(timeZone)).toMatch(/is not a time zone Tandem knows|Choose a time zone|can't be stored|at most 64/);
    }
    expect((await outcomeOf(owner.org.setTimeZone({ timeZone: "Mars/Olympus_Mons" }))).message).toBe(
      '"Mars/Olympus_Mons" is not a time zone Tandem knows. Choose one from the list, or type an IANA name such as Europe/Berlin or America/New_York.',
    );
    expect((await owner.org.settings()).timeZone).toBe("UTC");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("stores the canonical name, records the change with who made it, and saving the same zone again records nothing", async () => {
    const owner = callerFor(t.db, w.a.owner.id);
    expect(await owner.org.setTimeZone({ timeZone: "europe/berlin" })).toEqual({ timeZone: "Europe/Berlin" });
    expect((await owner.org.settings()).timeZone).toBe("Europe/Berlin");
    expect(await owner.org.setTimeZone({ timeZone: "Europe/Berlin" })).toEqual({ timeZone: "Europe/Berlin" });
    const { entries } = await owner.org.auditLog({ limit: 50 });
    const zoneChanges = entries.filter((e) => e.details.setting === "timeZone");
    expect(zoneChanges.map((e) => [e.actorName, e.automatic, e.details])).toEqual([
      ["Owner A", false, { setting: "timeZone", from: "UTC", to: "Europe/Berlin" }],
    ]);
    // HR reads the zone for the cycles page; org B's zone is its own.
    expect((await callerFor(t.db, w.a.hr.id).cycles.calendar()).timeZone).toBe("Europe/Berlin");
    expect((await callerFor(t.db, w.b.hr.id).cycles.calendar()).timeZone).toBe("UTC");
  });
});
