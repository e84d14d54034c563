import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments } from "@/db/schema";
import { predictionKey } from "@/server/assessments/item-bank";
import { setManager } from "@/server/people/set-manager";
import { completeAnswers } from "../support/answers";
import { everyoneBut, fill, outcomeOf } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

let t: TestDb;
let w: World;
let pairA1: string;
beforeAll(async () => {
  ({ t, w } = await openWorld());
  pairA1 = (await callerFor(t.db, w.a.report1.id).me.get()).pairs.asReport[0]!.id;
});
afterAll(() => t.close());

const dashboard = (personId: string, pairId: string, assessmentId?: string) => callerFor(t.db, personId).pairs.dashboard({ pairId, assessmentId });

/** Report1 and manager1 complete a check-in with the given answers; returns its id. */
async function checkIn(employee: Record<string, number | string>, manager: Record<string, number | string>, share = { employee: true, manager: true }) {
  const report = callerFor(t.db, w.a.report1.id);
  const boss = callerFor(t.db, w.a.manager1.id);
  const { assessmentId } = await report.assessments.startCheckIn({ pairId: pairA1 });
  await fill(report, assessmentId, employee);
  await fill(boss, assessmentId, manager);
  await report.assessments.submit({ assessmentId, shareChooseAgain: share.employee });
  await boss.assessments.submit({ assessmentId, shareChooseAgain: share.manager });
  return assessmentId;
}

describe("pair dashboard", () => {
  it("says 'nothing yet' before any assessment, and answers NOT_FOUND to everyone outside the pair", async () => {
    const d = await dashboard(w.a.report1.id, pairA1);
    expect(d.current).toBeNull();
    expect(d.latest).toBeNull();
    expect(d.mySide).toBe("employee");
    const before = await databaseFingerprint(t.db);
    for (const p of everyoneBut(w, w.a.report1.id, w.a.manager1.id)) {
      expect((await outcomeOf(dashboard(p.id, pairA1))).code, p.label).toBe("NOT_FOUND");
    }
    expect((await outcomeOf(callerFor(t.db, null).pairs.dashboard({ pairId: pairA1 }))).code).toBe("UNAUTHORIZED");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("shows only a status while one side has submitted, and no answers", async () => {
    const report = callerFor(t.db, w.a.report1.id);
    const { assessmentId } = await report.assessments.startCheckIn({ pairId: pairA1 });
    await fill(report, assessmentId, completeAnswers(1, { topics: "secret-topic-123" }, 2));
    await report.assessments.submit({ assessmentId, shareChooseAgain: true });
    const asManager = await dashboard(w.a.manager1.id, pairA1);
    expect(asManager.current).toBeNull();
    expect(asManager.latest).toMatchObject({ assessmentId, state: "open", mineSubmitted: false, otherSubmitted: true });
    expect(JSON.stringify(asManager)).not.toContain("secret-topic-123");
    // Asking for the unrevealed assessment by id is "not found", not a peek.
    expect((await outcomeOf(dashboard(w.a.manager1.id, pairA1, assessmentId))).code).toBe("NOT_FOUND");
    // Submitted by one side, it can no longer be cancelled; here it closes as an ended pair's would.
    expect((await outcomeOf(callerFor(t.db, w.a.manager1.id).assessments.cancelCheckIn({ assessmentId }))).code).toBe("CONFLICT");
    await t.db
      .update(assessments)
      .set({ closedAt: new Date() })
      .where(and(eq(assessments.orgId, w.a.org.id), eq(assessments.id, assessmentId)));
    expect((await dashboard(w.a.report1.id, pairA1)).latest?.state).toBe("closed");
  });

  it("analyses the revealed assessment: trust gap, blind spot, consented 'choose again', topics", async () => {
    // Report rates trust 2 on every item; manager 4 on every item and predicts the report says 5.
    const employee = completeAnswers(
      1,
      { "trust.ability": 2, "trust.integrity": 2, "trust.benevolence": 2, "trust.candor": 2, choose_again: "not_sure", topics: "Let's talk" },
      4,
    );
    const manager = completeAnswers(1, { [predictionKey("trust")]: 5, choose_again: "definitely" }, 4);
    const id = await checkIn(employee, manager, { employee: false, manager: true });

    const asReport = await dashboard(w.a.report1.id, pairA1);
    expect(asReport.current?.id).toBe(id);
    const trust = asReport.current!.analysis.dimensions[0]!;
    expect(trust.key).toBe("trust");
    expect([trust.employee.mean, trust.manager.mean, trust.gap, trust.large]).toEqual([2, 4, -2, true]);
    expect(trust.prompt).toBeTruthy();
    expect(asReport.current!.analysis.blindSpots).toEqual([
      expect.objectContaining({ dimension: "trust", predictedBy: "manager", predicted: 5, actual: 2, miss: 3 }),
    ]);
    // The report shared nothing: the manager doesn't get it; the report sees their own.
    expect(asReport.current!.chooseAgain).toEqual({ employee: "not_sure", manager: "definitely" });
    const asManager = await dashboard(w.a.manager1.id, pairA1);
    expect(asManager.current!.chooseAgain).toEqual({ employee: null, manager: "definitely" });
    expect(JSON.stringify(asManager)).not.toContain("not_sure");
    expect(asManager.current!.topics.employee).toBe("Let's talk");
    expect(asManager.trend).toBeNull();

    // Balance and reading (issue 20). Every other item and prediction is 4. Report overall
    // (2 + 8·4)/9 = 3.78, manager 4: both at least 3.5, balanced high.
    const r = asManager.current!.relationship;
    expect(r.quadrant).toBe("balanced_high");
    expect(r.overall.employee).toBeCloseTo(34 / 9, 9);
    expect(r.overall.manager).toBe(4);
    // The report predicted 4 everywhere and the manager answered 4: within half a point on 9 of 9;
    // against her own 2 on trust, she assumed 2/9 of a point of difference on average.
    expect(r.reading.employee).toEqual({ meanAbsError: 0, within: 9, dimensions: 9, assumedSimilarity: expect.closeTo(2 / 9, 9) });
    // The manager predicted 5 for trust, the report said 2: missed by 3 once, within on 8 of 9.
    expect(r.reading.manager).toEqual({ meanAbsError: expect.closeTo(3 / 9, 9), within: 8, dimensions: 9, assumedSimilarity: expect.closeTo(1 / 9, 9) });
    // Both sides of the pair see the same relationship figures.
    expect(asReport.current!.relationship).toEqual(r);
  });

  it("compares with the previous revealed assessment and keeps a trend", async () => {
    const employee = completeAnswers(1, { "trust.ability": 3, "trust.integrity": 3, "trust.benevolence": 3, "trust.candor": 3 }, 4);
    const id = await checkIn(employee, completeAnswers(1, {}, 4));
    const d = await dashboard(w.a.manager1.id, pairA1);
    expect(d.assessments).toHaveLength(2);
    // Each check-in is named by the day it was revealed, not all "Pair check-in".
    const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
    expect(d.assessments.map((a) => a.title)).toEqual(d.assessments.map((a) => `Check-in of ${day.format(a.revealedAt)}`));
    expect(d.current!.title).toBe(d.assessments[1]!.title);
    expect(d.current!.previous?.title).toBe(d.assessments[0]!.title);
    expect(d.current?.id).toBe(id);
    const trust = d.current!.analysis.dimensions.find((x) => x.key === "trust")!;
    // Gap was 2 − 4 = −2, now 3 − 4 = −1: change +1.
    expect(trust.change).toEqual({ employee: 1, manager: 0, gap: 1 });
    expect(d.trend!.trust.map((p) => [p.employee, p.manager])).toEqual([
      [2, 4],
      [3, 4],
    ]);
    // An older assessment can be chosen explicitly.
    const first = await dashboard(w.a.manager1.id, pairA1, d.assessments[0]!.id);
    expect(first.current?.previous).toBeNull();
  });

  it("keeps history with the earlier pair after a manager change, visible only to the two people who were in it", async () => {
    await t.db.transaction((tx) => setManager(tx, { orgId: w.a.org.id, personId: w.a.report1.id, managerId: w.a.manager2.id }));
    expect((await dashboard(w.a.report1.id, pairA1)).assessments).toHaveLength(2);
    expect((await dashboard(w.a.manager1.id, pairA1)).pair.endedAt).not.toBeNull();
    expect((await outcomeOf(dashboard(w.a.manager2.id, pairA1))).code).toBe("NOT_FOUND");
    const newPair = (await callerFor(t.db, w.a.report1.id).me.get()).pairs.asReport.find((p) => !p.endedAt)!;
    const fresh = await dashboard(w.a.manager2.id, newPair.id);
    expect(fresh.assessments).toEqual([]);
    expect(fresh.current).toBeNull();
  });
});
