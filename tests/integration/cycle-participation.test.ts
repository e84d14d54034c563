import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HIDDEN_REASON } from "@/server/analysis/anonymity";
import { completeAnswers } from "../support/answers";
import { assessmentWith, fill } from "../support/assessments";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createOrg, createPerson } from "../support/factories";
import { cycleWithGroups, settleTrends } from "../support/trends";

// An open cycle's participation (cycles.list, trends.cycle) is counted under the same threshold
// rule as the trends figures (PRODUCT.md §5 rule 1): a count is shown only if at least k people
// contributed to it on each side it reports. Complete pairs report both sides, so a count of
// them may not stand in for fewer than k managers: HR would learn that one manager answered.

const HIDDEN = { hidden: true, reason: HIDDEN_REASON };

let t: TestDb;
beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  t = await createTestDb();
});
afterAll(() => t.close());

/**
 * k = 5. Mia manages five reports; the owner manages HR and Mia.
 *
 *   Owner ─┬─ HR
 *          └─ Mia ─ 5 reports
 */
async function smallOrg() {
  const org = await createOrg(t.db, "One manager");
  const owner = await createPerson(t.db, org.id, { name: "Olga Owner", roles: ["owner"] });
  const hr = await createPerson(t.db, org.id, { name: "Hana HR", managerId: owner.id, roles: ["hr_admin"] });
  const mia = await createPerson(t.db, org.id, { name: "Mia Manager", managerId: owner.id });
  const reports = [];
  for (let i = 1; i <= 5; i++) reports.push(await createPerson(t.db, org.id, { name: `Report ${i}`, managerId: mia.id }));
  return { org, owner, hr, mia, reports };
}

async function answer(personId: string, otherId: string) {
  const caller = callerFor(t.db, personId);
  const id = await assessmentWith(t.db, personId, otherId, { title: "Spring round" });
  await fill(caller, id, completeAnswers());
  await caller.assessments.submit({ assessmentId: id, shareChooseAgain: false });
}

describe("an open cycle's participation", () => {
  it("does not show complete pairs of fewer than k managers: HR can't learn that one manager answered", async () => {
    const o = await smallOrg();
    const hr = callerFor(t.db, o.hr.id);
    const { cycleId } = await hr.cycles.create({ name: "Spring round", opensOn: "2026-04-01", closesOn: "2026-04-30", departmentIds: null });
    await hr.cycles.open({ cycleId });
    for (const report of o.reports) {
      await answer(report.id, o.mia.id);
      await answer(o.mia.id, report.id);
    }
    const listed = (await hr.cycles.list()).find((c) => c.id === cycleId)?.participation;
    // Five complete pairs, but one manager in them: shown, "5" would say Mia answered for each.
    const expected = { invited: { hidden: false, value: 7 }, employeeSubmitted: { hidden: false, value: 5 }, managerSubmitted: HIDDEN, complete: HIDDEN };
    expect(listed).toEqual(expected);
    expect((await hr.trends.cycle({ cycleId })).participation).toEqual(expected);

    // The same people, counted by the published figures once the cycle closes: the same cells.
    await hr.cycles.close({ cycleId });
    await settleTrends(t.db);
    const published = (await cycleWithGroups(hr, { cycleId })).groups.find((g) => g.kind === "org")?.participation;
    expect(published).toEqual(expected);
    expect((await hr.cycles.list()).find((c) => c.id === cycleId)?.participation).toEqual(expected);
  });

  it("shows complete pairs from k people on each side", async () => {
    const org = await createOrg(t.db, "Five managers");
    const owner = await createPerson(t.db, org.id, { name: "Otto Owner", roles: ["owner", "hr_admin"] });
    const pairs = [];
    for (let i = 1; i <= 5; i++) {
      const manager = await createPerson(t.db, org.id, { name: `Manager ${i}`, managerId: owner.id });
      pairs.push({ manager, report: await createPerson(t.db, org.id, { name: `Their report ${i}`, managerId: manager.id }) });
    }
    const hr = callerFor(t.db, owner.id);
    const { cycleId } = await hr.cycles.create({ name: "Spring round", opensOn: "2026-04-01", closesOn: "2026-04-30", departmentIds: null });
    await hr.cycles.open({ cycleId });
    for (const p of pairs) {
      await answer(p.report.id, p.manager.id);
      await answer(p.manager.id, p.report.id);
    }
    // Ten pairs invited (the owner's five, and the managers' five); five complete, of five people a side.
    const five = { hidden: false, value: 5 };
    expect((await hr.cycles.list()).find((c) => c.id === cycleId)?.participation).toEqual({
      invited: { hidden: false, value: 10 },
      employeeSubmitted: five,
      managerSubmitted: five,
      complete: five,
    });
  });
});
