import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, outboxEmails } from "@/db/schema";
import type { Answers } from "@/server/assessments/answers";
import { setManager } from "@/server/people/set-manager";
import { completeAnswers } from "../support/answers";
import { assessmentWith, everyone, fill, openCycleFor, outboxTo, outcomeOf, type Caller, type Person } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

// The core promise (PRODUCT.md §1–§2): both sides answer blind; neither sees the other's
// answers until both have submitted; at the second submit both see them at once; nobody else
// ever sees any individual answer. The tests below run in order on one world.

let t: TestDb;
let w: World;
let cycleId: string;
/** Pair A1 (manager1–report1): goes all the way to the reveal. */
let a1: string;
/** Pair A2 (manager2–report2): one side submits, then the cycle closes. */
let a2: string;

const as = (person: { id: string }): Caller => callerFor(t.db, person.id);

/** Each person's outcome for `call`, keyed by label, so a failure shows who got what. */
async function outcomes(people: Person[], call: (caller: Caller) => Promise<unknown>): Promise<Record<string, string>> {
  const codes = await Promise.all(people.map(async (p) => [p.label, (await outcomeOf(call(callerFor(t.db, p.id)))).code] as const));
  return Object.fromEntries(codes);
}

/** `expected` for the people with those ids, NOT_FOUND for everyone else of both organizations. */
function onlyThese(ids: Record<string, string>): Record<string, string> {
  return Object.fromEntries(everyone(w).map((p) => [p.label, ids[p.id] ?? "NOT_FOUND"]));
}

// Distinctive answers, so a leak of either side shows up in any JSON a person receives.
const MANAGER_SECRET = "MANAGER-SECRET: I doubt the reorg will work";
const managerAnswers: Answers = completeAnswers(1, { topics: MANAGER_SECRET, stance: "against", "contact.meetings": "5+", choose_again: "probably_not" }, 2);
const EMPLOYEE_SECRET = "EMPLOYEE-SECRET: I am thinking of leaving";
const employeeAnswers: Answers = completeAnswers(
  1,
  { topics: `  ${EMPLOYEE_SECRET}  \n`, stance: "with", "contact.meetings": "1", choose_again: "definitely" },
  5,
);
const employeeDraft = { "contact.enough": 3, "trust.candor": "cant_say" };

/** No key the other side answered (that `mine` lacks) and no distinctive value of theirs appears in `json`. */
function expectNoneOf(json: string, theirs: Answers, mine: Record<string, unknown>, secret: string) {
  expect(json).not.toContain(secret.slice(0, 14));
  for (const key of Object.keys(theirs)) if (!(key in mine)) expect(json, `leaks "${key}"`).not.toContain(`"${key}"`);
}

beforeAll(async () => {
  ({ t, w } = await openWorld());
  ({ cycleId } = await openCycleFor(t.db, w, "a", { name: "Spring round" }));
  a1 = await assessmentWith(t.db, w.a.report1.id, w.a.manager1.id);
  a2 = await assessmentWith(t.db, w.a.report2.id, w.a.manager2.id);
});
afterAll(() => t.close());

describe("before both have submitted", () => {
  it("each side sees its own draft and only the other's status, never the other's answers", async () => {
    await fill(as(w.a.manager1), a1, managerAnswers);
    await fill(as(w.a.report1), a1, employeeDraft);

    const mine = await as(w.a.report1).assessments.get({ assessmentId: a1 });
    expect(mine).toMatchObject({ id: a1, kind: "cycle", state: "open", side: "employee", bankVersion: 1, other: { name: "Manager A1", submitted: false } });
    expect(mine.mine.answers).toEqual(employeeDraft);
    expect(mine.mine.submittedAt).toBeNull();
    expectNoneOf(JSON.stringify(mine), managerAnswers, employeeDraft, MANAGER_SECRET);

    const list = await as(w.a.report1).assessments.listMine();
    expect(list.find((a) => a.id === a1)).toMatchObject({
      state: "open",
      mine: "draft",
      otherSubmitted: false,
      side: "employee",
      other: { id: w.a.manager1.id, name: "Manager A1" },
    });
    expectNoneOf(JSON.stringify(list), managerAnswers, employeeDraft, MANAGER_SECRET);
    // The same assessment from the other side; nothing of the other pair or organization.
    const managers = await as(w.a.manager1).assessments.listMine();
    expect(managers.find((a) => a.id === a1)).toMatchObject({
      state: "open",
      mine: "draft",
      side: "manager",
      other: { id: w.a.report1.id, name: "Report A1" },
    });
    expect(managers.map((a) => a.id)).not.toContain(a2);

    const theirs = await as(w.a.manager1).assessments.get({ assessmentId: a1 });
    expect(theirs).toMatchObject({ side: "manager", other: { name: "Report A1", submitted: false } });
    expect(theirs.mine.answers).toEqual(managerAnswers);
    expect(JSON.stringify(theirs)).not.toContain('"trust.candor":"cant_say"');
  });

  it("results are not found for anyone, the pair included; the assessment only for its two people", async () => {
    const before = await databaseFingerprint(t.db);
    expect(await outcomes(everyone(w), (c) => c.assessments.results({ assessmentId: a1 }))).toEqual(onlyThese({}));
    expect(await outcomes(everyone(w), (c) => c.assessments.get({ assessmentId: a1 }))).toEqual(onlyThese({ [w.a.report1.id]: "OK", [w.a.manager1.id]: "OK" }));
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("after one side submits, the other sees that it did, and still nobody sees answers, not even the submitter", async () => {
    const submitted = await as(w.a.manager1).assessments.submit({ assessmentId: a1, shareChooseAgain: false });
    expect(submitted).toEqual({ revealed: false, waitingFor: "Report A1" });

    const mine = await as(w.a.report1).assessments.get({ assessmentId: a1 });
    expect(mine.other).toEqual({ name: "Manager A1", givenName: null, submitted: true });
    expect(mine.mine.answers).toEqual(employeeDraft);
    expectNoneOf(JSON.stringify(mine), managerAnswers, employeeDraft, MANAGER_SECRET);
    expect((await as(w.a.report1).assessments.listMine()).find((a) => a.id === a1)).toMatchObject({ state: "open", otherSubmitted: true });

    expect(await outcomes(everyone(w), (c) => c.assessments.results({ assessmentId: a1 }))).toEqual(onlyThese({}));

    // The waiting side is told, without any answer in the email.
    const mail = (await outboxTo(t.db, w.a.report1.email)).at(-1);
    expect(mail?.subject).toBe("Manager A1 has submitted your assessment");
    expect(mail?.text).toContain(`/assessments/${a1}`);
    expect(mail?.text).not.toContain("MANAGER-SECRET");
  });
});

describe("at the second submit", () => {
  it("reveals both sides' answers to both, at once", async () => {
    await fill(as(w.a.report1), a1, employeeAnswers);
    const submitted = await as(w.a.report1).assessments.submit({ assessmentId: a1, shareChooseAgain: true });
    expect(submitted).toEqual({ revealed: true, waitingFor: null });

    const [row] = await t.db.select({ revealedAt: assessments.revealedAt, closedAt: assessments.closedAt }).from(assessments).where(eq(assessments.id, a1));
    expect(row?.revealedAt).toBeInstanceOf(Date);
    expect(row?.closedAt).toBeNull();

    const employeeFinal = { ...employeeAnswers, topics: EMPLOYEE_SECRET };
    const { choose_again: managerChooseAgain, ...managerShared } = managerAnswers;
    expect(managerChooseAgain).toBe("probably_not");

    const forReport = await as(w.a.report1).assessments.results({ assessmentId: a1 });
    expect(forReport).toMatchObject({ id: a1, kind: "cycle", mySide: "employee", cycle: { name: "Spring round" }, revealedAt: row?.revealedAt });
    expect(forReport.sides.employee).toMatchObject({ name: "Report A1", chooseAgainShared: true });
    expect(forReport.sides.employee.answers).toEqual(employeeFinal);
    expect(forReport.sides.manager).toMatchObject({ name: "Manager A1", chooseAgainShared: false });
    expect(forReport.sides.manager.answers).toEqual(managerShared);

    const forManager = await as(w.a.manager1).assessments.results({ assessmentId: a1 });
    expect(forManager.mySide).toBe("manager");
    expect(forManager.sides.employee.answers).toEqual(employeeFinal);
    expect(forManager.sides.manager.answers).toEqual(managerAnswers);

    for (const person of [w.a.report1, w.a.manager1]) {
      expect((await as(person).assessments.listMine()).find((a) => a.id === a1)).toMatchObject({ state: "revealed", mine: "submitted", otherSubmitted: true });
      const mails = (await outboxTo(t.db, person.email)).filter((m) => m.text.includes(`/assessments/${a1}/results`));
      expect(mails.map((m) => m.subject)).toEqual([
        person === w.a.report1 ? "Your results with Manager A1 are ready" : "Your results with Report A1 are ready",
      ]);
      for (const m of mails) expect(m.text).not.toMatch(/SECRET/);
    }
  });

  it("still shows them to nobody else: not the manager's manager, HR, the owner, the other pair or another organization", async () => {
    const before = await databaseFingerprint(t.db);
    expect(await outcomes(everyone(w), (c) => c.assessments.results({ assessmentId: a1 }))).toEqual(
      onlyThese({ [w.a.report1.id]: "OK", [w.a.manager1.id]: "OK" }),
    );
    expect(await outcomes(everyone(w), (c) => c.assessments.get({ assessmentId: a1 }))).toEqual(onlyThese({ [w.a.report1.id]: "OK", [w.a.manager1.id]: "OK" }));
    for (const person of everyone(w).filter((p) => p.id !== w.a.report1.id && p.id !== w.a.manager1.id)) {
      const json = JSON.stringify(await callerFor(t.db, person.id).assessments.listMine());
      expect(json, person.label).not.toContain(a1);
      expect(json, person.label).not.toMatch(/SECRET/);
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it('shows "would you choose them again?" to the other side only if its author shared it; one\'s own always', async () => {
    const forReport = await as(w.a.report1).assessments.results({ assessmentId: a1 });
    const forManager = await as(w.a.manager1).assessments.results({ assessmentId: a1 });
    // The manager did not share theirs: the report never receives it.
    expect(forReport.sides.manager.answers).not.toHaveProperty("choose_again");
    expect(JSON.stringify(forReport)).not.toContain("probably_not");
    // The report shared theirs: the manager sees it.
    expect(forManager.sides.employee.answers.choose_again).toBe("definitely");
    // Each sees their own.
    expect(forReport.sides.employee.answers.choose_again).toBe("definitely");
    expect(forManager.sides.manager.answers.choose_again).toBe("probably_not");
  });

  it("is final: neither side can change or submit again", async () => {
    const before = await databaseFingerprint(t.db);
    for (const person of [w.a.report1, w.a.manager1]) {
      const saved = await outcomeOf(as(person).assessments.saveDraft({ assessmentId: a1, changes: { "trust.ability": 1 } }));
      expect(saved).toEqual({ code: "CONFLICT", message: "You have already submitted this assessment; answers can no longer change." });
      const again = await outcomeOf(as(person).assessments.submit({ assessmentId: a1, shareChooseAgain: true }));
      expect(again).toEqual({ code: "CONFLICT", message: "You have already submitted this assessment." });
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe("a cycle closed while one side has not submitted", () => {
  const REPORT2_SECRET = "REPORT2-SECRET: please stop micromanaging";
  const report2Answers = completeAnswers(1, { topics: REPORT2_SECRET, stance: "for", choose_again: "not_sure" }, 1);
  const manager2Draft = { "trust.ability": 4 };

  it("reveals nothing to anyone, and keeps the submitted side's answers private", async () => {
    await fill(as(w.a.report2), a2, report2Answers);
    expect(await as(w.a.report2).assessments.submit({ assessmentId: a2, shareChooseAgain: true })).toEqual({ revealed: false, waitingFor: "Manager A2" });
    await fill(as(w.a.manager2), a2, manager2Draft);

    // Seven pairs in the cycle; only A1 was revealed.
    expect(await callerFor(t.db, w.a.hr.id).cycles.close({ cycleId })).toEqual({ closed: true });

    expect(await outcomes(everyone(w), (c) => c.assessments.results({ assessmentId: a2 }))).toEqual(onlyThese({}));

    const manager = await as(w.a.manager2).assessments.get({ assessmentId: a2 });
    expect(manager).toMatchObject({ state: "closed", other: { name: "Report A2", submitted: true } });
    expect(manager.mine.answers).toEqual(manager2Draft);
    expectNoneOf(JSON.stringify(manager), report2Answers, manager2Draft, REPORT2_SECRET);
    expectNoneOf(JSON.stringify(await as(w.a.manager2).assessments.listMine()), report2Answers, manager2Draft, REPORT2_SECRET);

    for (const person of [w.a.report2, w.a.manager2]) {
      expect(
        (await as(person).assessments.listMine()).find((a) => a.id === a2),
        person.name,
      ).toMatchObject({ state: "closed" });
    }
    const [row] = await t.db.select({ revealedAt: assessments.revealedAt, closedAt: assessments.closedAt }).from(assessments).where(eq(assessments.id, a2));
    expect(row?.revealedAt).toBeNull();
    expect(row?.closedAt).toBeInstanceOf(Date);
  });

  it("refuses further answers with a clear conflict, changing nothing", async () => {
    const before = await databaseFingerprint(t.db);
    expect(await outcomeOf(as(w.a.manager2).assessments.saveDraft({ assessmentId: a2, changes: { "trust.ability": 5 } }))).toEqual({
      code: "CONFLICT",
      message: "This assessment is closed; answers can no longer change.",
    });
    expect(await outcomeOf(as(w.a.manager2).assessments.submit({ assessmentId: a2, shareChooseAgain: true }))).toEqual({
      code: "CONFLICT",
      message: "This assessment is closed; it can no longer be submitted.",
    });
    // An untouched pair of the closed cycle is closed too.
    const a3 = await assessmentWith(t.db, w.a.bystander.id, w.a.owner.id);
    expect((await outcomeOf(as(w.a.bystander).assessments.saveDraft({ assessmentId: a3, changes: { stance: "with" } }))).code).toBe("CONFLICT");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("leaves an assessment revealed before the close visible to its pair", async () => {
    expect(await outcomes(everyone(w), (c) => c.assessments.results({ assessmentId: a1 }))).toEqual(
      onlyThese({ [w.a.report1.id]: "OK", [w.a.manager1.id]: "OK" }),
    );
    expect((await as(w.a.report1).assessments.listMine()).find((a) => a.id === a1)?.state).toBe("revealed");
  });
});

describe("check-ins", () => {
  let pair1: string;
  let pair2: string;
  let checkIn1: string;

  beforeAll(async () => {
    const list1 = await as(w.a.report1).assessments.listMine();
    pair1 = list1.find((a) => a.id === a1)!.pairId;
    const list2 = await as(w.a.report2).assessments.listMine();
    pair2 = list2.find((a) => a.id === a2)!.pairId;
  });

  it("either side of a pair starts one, and the other person is emailed", async () => {
    ({ assessmentId: checkIn1 } = await as(w.a.report1).assessments.startCheckIn({ pairId: pair1 }));
    const mail = (await outboxTo(t.db, w.a.manager1.email)).at(-1);
    expect(mail?.subject).toBe("Your assessment with Report A1 is ready");
    expect(mail?.text).toContain("Report A1");
    expect(mail?.text).toContain(`/assessments/${checkIn1}`);

    const { assessmentId: checkIn2 } = await as(w.a.manager2).assessments.startCheckIn({ pairId: pair2 });
    expect((await outboxTo(t.db, w.a.report2.email)).at(-1)?.subject).toBe("Your assessment with Manager A2 is ready");

    for (const [person, id] of [
      [w.a.report1, checkIn1],
      [w.a.manager1, checkIn1],
      [w.a.report2, checkIn2],
      [w.a.manager2, checkIn2],
    ] as const) {
      const entry = (await as(person).assessments.listMine()).find((a) => a.id === id);
      expect(entry, person.name).toMatchObject({ kind: "check_in", title: "Pair check-in", state: "open", mine: "not_started", dueOn: null });
    }
    expect(await outcomes(everyone(w), (c) => c.assessments.get({ assessmentId: checkIn1 }))).toEqual(
      onlyThese({ [w.a.report1.id]: "OK", [w.a.manager1.id]: "OK" }),
    );
  });

  it("refuses a second one while one is in progress, changing nothing", async () => {
    const before = await databaseFingerprint(t.db);
    for (const person of [w.a.report1, w.a.manager1]) {
      expect(await outcomeOf(as(person).assessments.startCheckIn({ pairId: pair1 }))).toEqual({
        code: "CONFLICT",
        message: "A check-in with this person is already in progress. Finish it first.",
      });
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("is not found for anyone outside the pair: the other pair, the manager's manager, HR, the owner, another organization", async () => {
    const before = await databaseFingerprint(t.db);
    expect(await outcomes(everyone(w), (c) => c.assessments.startCheckIn({ pairId: pair1 }))).toEqual(
      onlyThese({ [w.a.report1.id]: "CONFLICT", [w.a.manager1.id]: "CONFLICT" }),
    );
    expect((await outcomeOf(as(w.a.report1).assessments.startCheckIn({ pairId: "00000000-0000-4000-8000-000000000000" }))).code).toBe("NOT_FOUND");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("started by both sides at the same instant, starts exactly one", async () => {
    const pairId = (await as(w.b.report2).me.get()).pairs.asReport[0]!.id;
    const started = await Promise.all([
      outcomeOf(as(w.b.report2).assessments.startCheckIn({ pairId })),
      outcomeOf(as(w.b.manager2).assessments.startCheckIn({ pairId })),
    ]);
    expect(started.map((o) => o.code).sort()).toEqual(["CONFLICT", "OK"]);
    const open = (await as(w.b.report2).assessments.listMine()).filter((a) => a.kind === "check_in");
    expect(open).toHaveLength(1);
  });
});

describe("both sides submitting at the same instant", () => {
  it("stores both submissions and reveals exactly once, every time", async () => {
    const report = w.b.report1;
    const manager = w.b.manager1;
    const pairId = (await as(report).me.get()).pairs.asReport[0]!.id;
    for (let round = 0; round < 10; round++) {
      const starter = round % 2 === 0 ? report : manager;
      const { assessmentId } = await as(starter).assessments.startCheckIn({ pairId });
      await fill(as(report), assessmentId, completeAnswers(1, { topics: `round ${round}` }, 3));
      await fill(as(manager), assessmentId, completeAnswers(1, {}, 4));

      const [fromReport, fromManager] = await Promise.all([
        as(report).assessments.submit({ assessmentId, shareChooseAgain: true }),
        as(manager).assessments.submit({ assessmentId, shareChooseAgain: true }),
      ]);
      expect([fromReport.revealed, fromManager.revealed].filter(Boolean), `round ${round}`).toHaveLength(1);

      const [row] = await t.db.select({ revealedAt: assessments.revealedAt }).from(assessments).where(eq(assessments.id, assessmentId));
      expect(row?.revealedAt, `round ${round}`).toBeInstanceOf(Date);
      for (const person of [report, manager]) {
        const results = await as(person).assessments.results({ assessmentId });
        expect(results.revealedAt).toEqual(row?.revealedAt);
        expect(results.sides.employee.answers.topics).toBe(`round ${round}`);
        expect(results.sides.manager.answers["trust.ability"]).toBe(4);
      }
      // One reveal means one "results are ready" email to each side.
      const revealMails = await t.db
        .select({ to: outboxEmails.to })
        .from(outboxEmails)
        .where(and(like(outboxEmails.subject, "Your results with %"), like(outboxEmails.text, `%/assessments/${assessmentId}/results%`)));
      expect(revealMails.map((m) => m.to).sort(), `round ${round}`).toEqual([report.email, manager.email].sort());
    }
  });
});

describe("a pair that has ended", () => {
  it("can't start new check-ins, and its past results stay visible to its two people only", async () => {
    const pairId = (await as(w.a.report1).assessments.listMine()).find((a) => a.id === a1)!.pairId;
    await t.db.transaction((tx) => setManager(tx, { orgId: w.a.org.id, personId: w.a.report1.id, managerId: w.a.manager2.id }));

    const before = await databaseFingerprint(t.db);
    for (const person of [w.a.report1, w.a.manager1]) {
      expect(await outcomeOf(as(person).assessments.startCheckIn({ pairId }))).toEqual({
        code: "CONFLICT",
        message: "This manager–report relationship has ended; a check-in can't be started.",
      });
    }
    expect((await outcomeOf(as(w.a.manager2).assessments.startCheckIn({ pairId }))).code).toBe("NOT_FOUND");
    expect(await databaseFingerprint(t.db)).toBe(before);

    // The new manager, like everyone else, never sees the old pair's results.
    expect(await outcomes(everyone(w), (c) => c.assessments.results({ assessmentId: a1 }))).toEqual(
      onlyThese({ [w.a.report1.id]: "OK", [w.a.manager1.id]: "OK" }),
    );
    const results = await as(w.a.manager1).assessments.results({ assessmentId: a1 });
    expect(results.sides.employee.answers.topics).toBe(EMPLOYEE_SECRET);

    // The new pair starts its own check-ins.
    const newPair = (await as(w.a.report1).me.get()).pairs.asReport.find((p) => p.endedAt === null);
    expect(newPair?.manager.id).toBe(w.a.manager2.id);
    expect((await outcomeOf(as(w.a.manager2).assessments.startCheckIn({ pairId: newPair!.id }))).code).toBe("OK");
  });
});
