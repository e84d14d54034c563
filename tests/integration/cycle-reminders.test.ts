import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeAnswers } from "../support/answers";
import { assessmentWith, everyoneBut, fill, openCycleFor, outboxTo, outcomeOf } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

let t: TestDb;
let w: World;
beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

describe("cycle reminders", () => {
  it("email exactly those who haven't submitted, tell HR nothing about who, and only once per 12 hours", async () => {
    const { cycleId } = await openCycleFor(t.db, w, "a", { name: "Q3" });
    const id = await assessmentWith(t.db, w.a.report1.id, w.a.manager1.id, { title: "Q3" });
    const report = callerFor(t.db, w.a.report1.id);
    await fill(report, id, completeAnswers());
    await report.assessments.submit({ assessmentId: id, shareChooseAgain: false });

    const hr = callerFor(t.db, w.a.hr.id);
    expect(await hr.cycles.remind({ cycleId })).toEqual({ sent: true });
    const reminded = async (email: string) => (await outboxTo(t.db, email)).filter((m) => m.subject.startsWith("Reminder:"));
    expect(await reminded(w.a.report1.email)).toHaveLength(0);
    // Manager A1 has two sides still open: with their report, and with their own manager.
    expect((await reminded(w.a.manager1.email)).map((m) => m.subject).sort()).toEqual([
      "Reminder: your assessment with Grand A closes on 2026-04-30",
      "Reminder: your assessment with Report A1 closes on 2026-04-30",
    ]);
    expect(await reminded(w.a.report2.email)).toHaveLength(1);
    expect(await reminded(w.b.report1.email)).toHaveLength(0);

    const again = await outcomeOf(hr.cycles.remind({ cycleId }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/went out recently/);
  });

  it("is for HR admins and owners of the cycle's organization only", async () => {
    const { cycleId } = await openCycleFor(t.db, w, "a", { name: "Q4" });
    const before = await databaseFingerprint(t.db);
    for (const p of everyoneBut(w, w.a.hr.id, w.a.owner.id)) {
      expect((await outcomeOf(callerFor(t.db, p.id).cycles.remind({ cycleId }))).code, p.label).toBe("NOT_FOUND");
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
