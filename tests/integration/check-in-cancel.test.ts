import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setManager } from "@/server/people/set-manager";
import { completeAnswers } from "../support/answers";
import { everyoneBut, fill, outcomeOf } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

let t: TestDb;
let w: World;
beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

describe("cancelling a check-in", () => {
  it("closes it unrevealed for both while neither has submitted; a new one can start", async () => {
    const report = callerFor(t.db, w.a.report1.id);
    const manager = callerFor(t.db, w.a.manager1.id);
    const pairId = (await report.me.get()).pairs.asReport[0]!.id;
    const { assessmentId } = await report.assessments.startCheckIn({ pairId });
    await fill(report, assessmentId, completeAnswers(1, { topics: "private words" }));

    // Only its two people may cancel it; nothing changes for anyone else's attempt.
    const before = await databaseFingerprint(t.db);
    for (const p of everyoneBut(w, w.a.report1.id, w.a.manager1.id)) {
      expect((await outcomeOf(callerFor(t.db, p.id).assessments.cancelCheckIn({ assessmentId }))).code, p.label).toBe("NOT_FOUND");
    }
    expect(await databaseFingerprint(t.db)).toBe(before);

    await manager.assessments.cancelCheckIn({ assessmentId });
    expect((await manager.assessments.listMine()).find((a) => a.id === assessmentId)?.state).toBe("closed");
    expect((await outcomeOf(manager.assessments.results({ assessmentId }))).code).toBe("NOT_FOUND");
    expect((await outcomeOf(report.assessments.results({ assessmentId }))).code).toBe("NOT_FOUND");
    expect(JSON.stringify(await manager.assessments.get({ assessmentId }))).not.toContain("private words");
    expect((await outcomeOf(report.assessments.submit({ assessmentId, shareChooseAgain: false }))).code).toBe("CONFLICT");
    expect((await outcomeOf(manager.assessments.cancelCheckIn({ assessmentId }))).code).toBe("CONFLICT");

    const next = await manager.assessments.startCheckIn({ pairId });
    expect(next.assessmentId).not.toBe(assessmentId);
    await manager.assessments.cancelCheckIn({ assessmentId: next.assessmentId });
  });

  it("can't be cancelled by either side once one has submitted, and still reveals when the other submits", async () => {
    const report = callerFor(t.db, w.a.report1.id);
    const manager = callerFor(t.db, w.a.manager1.id);
    const pairId = (await report.me.get()).pairs.asReport[0]!.id;
    const { assessmentId } = await manager.assessments.startCheckIn({ pairId });
    await fill(report, assessmentId, completeAnswers(1));
    await report.assessments.submit({ assessmentId, shareChooseAgain: true });

    const before = await databaseFingerprint(t.db);
    const refused = {
      code: "CONFLICT",
      message: "One of you has already submitted, so this check-in can't be cancelled: it is revealed as soon as the other submits.",
    };
    expect(await outcomeOf(manager.assessments.cancelCheckIn({ assessmentId }))).toEqual(refused);
    expect(await outcomeOf(report.assessments.cancelCheckIn({ assessmentId }))).toEqual(refused);
    expect(await databaseFingerprint(t.db)).toBe(before);

    await fill(manager, assessmentId, completeAnswers(1));
    expect(await manager.assessments.submit({ assessmentId, shareChooseAgain: true })).toMatchObject({ revealed: true });
  });

  it("cannot cancel a cycle assessment", async () => {
    const hr = callerFor(t.db, w.a.hr.id);
    const { cycleId } = await hr.cycles.create({ name: "Q1", opensOn: "2026-01-01", closesOn: "2026-03-31", departmentIds: null });
    await hr.cycles.open({ cycleId });
    const mine = await callerFor(t.db, w.a.report2.id).assessments.listMine();
    const inCycle = mine.find((a) => a.kind === "cycle")!;
    expect((await outcomeOf(callerFor(t.db, w.a.report2.id).assessments.cancelCheckIn({ assessmentId: inCycle.id }))).code).toBe("CONFLICT");
  });

  it("ends with its pair when the report's manager changes", async () => {
    const report = callerFor(t.db, w.a.report2.id);
    const pairId = (await report.me.get()).pairs.asReport.find((p) => !p.endedAt)!.id;
    const { assessmentId } = await report.assessments.startCheckIn({ pairId });
    await t.db.transaction((tx) => setManager(tx, { orgId: w.a.org.id, personId: w.a.report2.id, managerId: w.a.manager1.id }));
    expect((await report.assessments.listMine()).find((a) => a.id === assessmentId)?.state).toBe("closed");
    // The new pair starts its own.
    const newPair = (await report.me.get()).pairs.asReport.find((p) => !p.endedAt)!;
    expect((await report.assessments.startCheckIn({ pairId: newPair.id })).assessmentId).toBeTruthy();
  });
});
