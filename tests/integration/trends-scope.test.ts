import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeAnswers } from "../support/answers";
import { fill, outcomeOf } from "../support/assessments";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createDepartment, createOrg, createPerson } from "../support/factories";
import { cycleWithGroups, settleTrends } from "../support/trends";

// Trends open on the latest cycle that has figures, not on a newer one still open, and a cycle
// scoped to some departments lists only those (issue 18, item 15).

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("the trends page's cycle and groups", () => {
  it("opens on the latest cycle with figures and lists only the departments in its scope", async () => {
    const org = await createOrg(t.db, "Scoped");
    const sales = await createDepartment(t.db, org.id, "Sales");
    const support = await createDepartment(t.db, org.id, "Support");
    const chief = await createPerson(t.db, org.id, { name: "Chief", roles: ["owner"] });
    const hrPerson = await createPerson(t.db, org.id, { name: "HR person", managerId: chief.id, roles: ["hr_admin"] });
    const salesLead = await createPerson(t.db, org.id, { name: "Sales lead", managerId: chief.id, departmentId: sales.id });
    const reps = [];
    for (let i = 1; i <= 6; i++) reps.push(await createPerson(t.db, org.id, { name: `Rep ${i}`, managerId: salesLead.id, departmentId: sales.id }));
    const supportLead = await createPerson(t.db, org.id, { name: "Support lead", managerId: chief.id, departmentId: support.id });
    for (let i = 1; i <= 6; i++) await createPerson(t.db, org.id, { name: `Agent ${i}`, managerId: supportLead.id, departmentId: support.id });
    const hr = callerFor(t.db, hrPerson.id);

    // A cycle over Sales only: everyone answers, it closes and is published.
    const { cycleId } = await hr.cycles.create({ name: "Sales round", opensOn: "2026-01-05", closesOn: "2026-01-30", departmentIds: [sales.id] });
    await hr.cycles.open({ cycleId });
    for (const rep of reps) {
      const mine = (await callerFor(t.db, rep.id).assessments.listMine()).find((a) => a.kind === "cycle")!;
      await fill(callerFor(t.db, rep.id), mine.id, completeAnswers(1, {}, 3));
      await callerFor(t.db, rep.id).assessments.submit({ assessmentId: mine.id, shareChooseAgain: false });
      await fill(callerFor(t.db, salesLead.id), mine.id, completeAnswers(1, {}, 4));
      await callerFor(t.db, salesLead.id).assessments.submit({ assessmentId: mine.id, shareChooseAgain: false });
    }
    await hr.cycles.close({ cycleId });
    await settleTrends(t.db);

    // A newer cycle, still open: it has no figures, so the page does not open on it.
    const { cycleId: newer } = await hr.cycles.create({ name: "Everyone round", opensOn: "2026-02-02", closesOn: "2026-02-27", departmentIds: null });
    await hr.cycles.open({ cycleId: newer });
    const view = await cycleWithGroups(hr, {});
    expect(view.cycle).toMatchObject({ id: cycleId, figures: "published" });
    expect(view.cycles.map((c) => c.id)).toContain(newer);

    // The organization and Sales (and Sales's teams); never Support, which was not in scope.
    const departments = view.groups.filter((g) => g.kind === "department").map((g) => g.name);
    expect(departments).toEqual(["Sales"]);
    expect(view.groups.some((g) => g.kind === "org")).toBe(true);
    expect(view.groups.map((g) => g.name).join(" ")).not.toContain("Support");
    // The open cycle, asked for by id, shows no figures at all.
    expect(await hr.trends.cycle({ cycleId: newer })).toMatchObject({ rows: [], group: null, cycle: { figures: "open" } });
    // A group asked for by id is found only where the listing has it: Support, out of the
    // cycle's scope, is not; nor is any group of the open cycle.
    expect((await outcomeOf(hr.trends.cycle({ cycleId, groupId: support.id }))).code).toBe("NOT_FOUND");
    expect((await outcomeOf(hr.trends.cycle({ cycleId, groupId: `team:${supportLead.id}` }))).code).toBe("NOT_FOUND");
    expect((await outcomeOf(hr.trends.cycle({ cycleId: newer, groupId: `org:${org.id}` }))).code).toBe("NOT_FOUND");
    expect((await outcomeOf(hr.trends.cycle({ cycleId: newer, groupId: sales.id }))).code).toBe("NOT_FOUND");
    expect((await hr.trends.cycle({ cycleId, groupId: sales.id })).group).toEqual(view.groups.find((g) => g.id === sales.id));
  });
});
